using EcsOnK8s.Api;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// A rendered child that was not written: its kind and name, why (<see cref="FailureKind"/>), and the detail (the API
/// server's message, or who holds the name).
/// </summary>
public sealed record ChildApplyFailure(string Kind, string Name, string Detail, ChildApplyFailureKind FailureKind)
{
    /// <summary>Whether the spec is at fault (the workload is Degraded) rather than the moment (a retry may pass).</summary>
    public bool Degrades => FailureKind != ChildApplyFailureKind.Failed;

    /// <summary>The condition reason of <see cref="FailureKind"/>.</summary>
    public string Reason => FailureKind switch
    {
        ChildApplyFailureKind.Refused => ConditionReasons.ChildRejected,
        ChildApplyFailureKind.NameConflict => ConditionReasons.ChildNameConflict,
        _ => ConditionReasons.ApplyFailed,
    };

    /// <summary>The condition message: which child, and the API server's own words or the name's holder.</summary>
    public string Message => FailureKind switch
    {
        ChildApplyFailureKind.Refused => $"the API server refused {Kind} {Name}: {Detail}",
        ChildApplyFailureKind.NameConflict => Detail,
        _ => $"applying {Kind} {Name} failed (retrying): {Detail}",
    };
}
