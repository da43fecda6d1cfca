using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The task definition revision a workload resolved to, or why it could not (with a condition reason).
/// <see cref="Registering"/>: the revision asked for is missing, but the task definition's own controller has not
/// yet seen its current spec, so it may be about to register it; a wait worth neither a condition nor an event.
/// </summary>
public sealed record RevisionResolution(
    string? Family, V1ControllerRevision? Revision, IReadOnlyList<V1ControllerRevision> All, string? Reason, string? Error, bool Degraded,
    bool Registering = false)
{
    /// <summary>
    /// For a workload that follows the family's latest revision: the task definition's current spec was refused (not
    /// registered), so the revision resolved to is an older spec; why, for the workload's own status. Null otherwise.
    /// </summary>
    public string? Unregistered { get; init; }

    /// <summary>
    /// For a workload that follows the family's latest revision: the task definition's controller has not yet seen
    /// its current spec, which may register a new revision or be refused (a status update that queues nothing).
    /// </summary>
    public bool Unconfirmed { get; init; }

    public static RevisionResolution Fail(string reason, string error, bool degraded, bool registering = false) =>
        new(null, null, [], reason, error, degraded, registering);
}
