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
}
