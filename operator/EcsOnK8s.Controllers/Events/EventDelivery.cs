using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// One event due to the targets of one rule. <paramref name="IngestedAt"/> starts its age (the state's time for an
/// ECS event, the time it was accepted for a posted one). <paramref name="Completed"/> is called once per target
/// when that target is done with it: delivered (true) or a dead letter (false).
/// </summary>
public sealed record EventDelivery(AwsEvent Event, DateTimeOffset IngestedAt, Action<string, bool>? Completed = null);
