using EcsOnK8s.Controllers.Events.Ingest;

namespace EcsOnK8s.Operator.Events;

/// <summary>Whether a caller may post events to a namespace; when not, the EventBridge error to answer.</summary>
public sealed record CallerDecision(EventBridgeErrorType? Refusal, string? Message, string? User)
{
    public bool Allowed => Refusal is null;

    public static CallerDecision Allow(string user) => new(null, null, user);

    public static CallerDecision Refuse(EventBridgeErrorType type, string message, string? user = null) => new(type, message, user);
}
