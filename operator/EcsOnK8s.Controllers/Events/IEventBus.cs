using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Where events posted from outside the operator (the PutEvents and CloudEvents endpoint) enter the EcsEventRules'
/// delivery. ECS events the operator derives from observed state do not pass here: they are derived again after a
/// restart, so they need no record before delivery.
/// </summary>
public interface IEventBus
{
    /// <summary>
    /// Matches each event against the enabled EcsEventRules of <paramref name="namespace"/> (and no other namespace)
    /// and returns once every match's delivery is recorded durably in the API server, so a crash after the answer
    /// loses nothing; an event that matches no rule is accepted and dropped, as EventBridge does. One outcome per
    /// event, in order.
    /// </summary>
    Task<IReadOnlyList<PublishOutcome>> PublishAsync(string @namespace, IReadOnlyList<AwsEvent> events, CancellationToken cancellationToken);
}
