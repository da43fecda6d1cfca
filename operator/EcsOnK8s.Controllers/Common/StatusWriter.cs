using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>Writes a resource's status through the status subresource, and nothing when it is already what the cache holds.</summary>
public static class StatusWriter
{
    /// <summary>A private copy of a cached status to build the next one from (a new one when there is none).</summary>
    public static TStatus CopyOf<TStatus>(TStatus? status)
        where TStatus : class, new() =>
        status is null ? new TStatus() : KubernetesJson.Deserialize<TStatus>(KubernetesJson.Serialize(status));

    /// <summary>True when a write was made; nothing is written when <paramref name="status"/> equals the cached one.</summary>
    public static async Task<bool> WriteStatusAsync<T, TStatus>(this IChildWriter applier, T resource, TStatus status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus>
    {
        ArgumentNullException.ThrowIfNull(applier);
        ArgumentNullException.ThrowIfNull(resource);

        // The cached object is the live base (the applier does not modify it): its resourceVersion guards the write,
        // and a stale one costs a conflict and a read.
        return await applier.ReplaceStatusAsync(resource, status, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="status"/> with Ready=False (and Degraded=True when <paramref name="degraded"/>) for
    /// <paramref name="reason"/>; when that changed the status, also an Event. A degraded resource waits for its
    /// spec to change (terminal error); a waiting one is queued again by the watch on what it waits for.
    /// </summary>
    public static async Task<ReconcileResult> WriteNotReadyAsync<T, TStatus>(
        this IChildWriter applier, IEventRecorder events, T resource, TStatus status, string reason, string message, bool degraded, DateTime now,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus>
        where TStatus : IConditionsStatus
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(status);
        status.Conditions = Conditions.NotReady(status.Conditions, reason, message, degraded, resource.Metadata.Generation, now);
        if (await applier.WriteStatusAsync(resource, status, cancellationToken).ConfigureAwait(false))
        {
            events.Record(resource, EcsEvents.NotReady(reason, degraded), message);
        }

        return degraded ? ReconcileResult.TerminalError(reason) : ReconcileResult.Done;
    }
}
