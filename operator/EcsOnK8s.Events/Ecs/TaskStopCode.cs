namespace EcsOnK8s.Events.Ecs;

/// <summary>Why a task stopped (ECS's stopCode).</summary>
public enum TaskStopCode
{
    TaskFailedToStart,
    EssentialContainerExited,
    UserInitiated,
    ServiceSchedulerInitiated,
    SpotInterruption,
    TerminationNotice,
}
