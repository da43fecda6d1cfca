using EcsOnK8s.Runtime.Queue;

namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>How a controller runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>Concurrent reconciles (different keys; one key is never reconciled twice at once).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Limiter of transient-error retries; <see cref="RateLimiters.Default{TKey}"/> when null.</summary>
    public IRateLimiter<ObjectKey>? RateLimiter { get; init; }

    /// <summary>
    /// When set, every cached primary object is queued again this often (a safety net, as controller-runtime's
    /// SyncPeriod). Null: never.
    /// </summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>
    /// When true (the default), an update of a primary object that changes nothing but its status (same generation,
    /// labels, annotations, finalizers, owner references and deletion timestamp) does not queue it: the status is
    /// what its reconciler writes, so the echo of that write has nothing new to act on. Its cache is updated anyway.
    /// </summary>
    public bool IgnoreStatusOnlyUpdates { get; init; } = true;
}
