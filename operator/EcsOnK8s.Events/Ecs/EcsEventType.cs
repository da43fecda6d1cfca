namespace EcsOnK8s.Events.Ecs;

/// <summary>The severity of a service action or deployment event (detail.eventType).</summary>
public enum EcsEventType
{
    Info,
    Warn,
    Error,
}
