namespace EcsOnK8s.Events.Ecs;

/// <summary>An ECS task's or container's lastStatus / desiredStatus (the task lifecycle).</summary>
public enum TaskState
{
    Provisioning,
    Pending,
    Activating,
    Running,
    Deactivating,
    Stopping,
    Deprovisioning,
    Stopped,
}
