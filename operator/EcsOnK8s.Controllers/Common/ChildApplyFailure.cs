using EcsOnK8s.Api;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// A rendered child the API server did not take: its kind and name, the server's message, and whether it refused
/// the object itself (<see cref="Refused"/>: HTTP 400/422, so the same object fails the same way until the spec
/// changes) or failed otherwise (a 5xx, a quota or permission refusal: worth retrying with backoff).
/// </summary>
public sealed record ChildApplyFailure(string Kind, string Name, string ServerMessage, bool Refused)
{
    /// <summary>The condition reason: <see cref="ConditionReasons.ChildRejected"/> or <see cref="ConditionReasons.ApplyFailed"/>.</summary>
    public string Reason => Refused ? ConditionReasons.ChildRejected : ConditionReasons.ApplyFailed;

    /// <summary>The condition message: which child, and the API server's own words.</summary>
    public string Message => Refused
        ? $"the API server refused {Kind} {Name}: {ServerMessage}"
        : $"applying {Kind} {Name} failed (retrying): {ServerMessage}";
}
