namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>How a change of a referenced object queues the primaries it maps to.</summary>
public sealed record WatchOptions
{
    /// <summary>
    /// Zero: at once. Otherwise a change queues the primary only after this long, and further changes meanwhile add
    /// nothing: for primaries that aggregate many referenced objects (counts over a cluster's services), one reconcile
    /// per window instead of one per change. The primary's own changes still queue it at once.
    /// </summary>
    public TimeSpan Coalesce { get; init; }

    /// <summary>
    /// True when the primaries read nothing of the referenced object's status: an update that changes only its
    /// status (see <see cref="Kube.KubernetesObjectExtensions.OnlyStatusChanged"/>) queues nothing.
    /// </summary>
    public bool IgnoreStatusOnlyUpdates { get; init; }
}
