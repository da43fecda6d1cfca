namespace EcsOnK8s.Controllers.Common;

/// <summary>Why a rendered child was not written, which decides what the workload's controller does next.</summary>
public enum ChildApplyFailureKind
{
    /// <summary>The API server refused the object itself (HTTP 400/422): it fails the same way until the spec changes.</summary>
    Refused,

    /// <summary>
    /// The child's name is held by another workload's object, or by one EcsOnK8s did not write: nothing was written,
    /// and the name is checked again later (the holder's changes queue the holder, not this workload).
    /// </summary>
    NameConflict,

    /// <summary>Any other error status (a 5xx, a quota or permission refusal): retried with backoff.</summary>
    Failed,
}
