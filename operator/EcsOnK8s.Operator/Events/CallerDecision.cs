using EcsOnK8s.Controllers.Events.Ingest;
using EcsOnK8s.Operator.Endpoints;

namespace EcsOnK8s.Operator.Events;

/// <summary>Whether a caller may post events to a namespace; when not, the EventBridge error to answer.</summary>
public sealed record CallerDecision(EventBridgeErrorType? Refusal, string? Message, string? User) : IAuthenticationOutcome
{
    public bool Allowed => Refusal is null;

    string? IAuthenticationOutcome.Identity => Allowed ? User : null;

    // An unknown token or one without the right; not the operator's own failure to ask the API server.
    bool IAuthenticationOutcome.CountsAgainstAddress => Refusal is EventBridgeErrorType.UnrecognizedClientException or EventBridgeErrorType.AccessDeniedException;

    public static CallerDecision Allow(string user) => new(null, null, user);

    public static CallerDecision Refuse(EventBridgeErrorType type, string message, string? user = null) => new(type, message, user);
}
