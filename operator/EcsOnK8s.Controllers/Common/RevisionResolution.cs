using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>The task definition revision a workload resolved to, or why it could not (with a condition reason).</summary>
public sealed record RevisionResolution(
    string? Family, V1ControllerRevision? Revision, IReadOnlyList<V1ControllerRevision> All, string? Reason, string? Error, bool Degraded)
{
    public static RevisionResolution Fail(string reason, string error, bool degraded) => new(null, null, [], reason, error, degraded);
}
