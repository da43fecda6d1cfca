using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>One running or stopped task, as DescribeTasks reports it.</summary>
public sealed class TaskInstanceStatus
{
    /// <summary>The task's id.</summary>
    public string? TaskArn { get; set; }

    /// <summary>The task's last known state: PROVISIONING, PENDING, RUNNING, DEPROVISIONING or STOPPED.</summary>
    public string? LastStatus { get; set; }

    /// <summary>The state the task should reach: RUNNING or STOPPED.</summary>
    public string? DesiredStatus { get; set; }

    /// <summary>Why the task stopped, as ECS codes it.</summary>
    [EnumValues("TaskFailedToStart", "EssentialContainerExited", "UserInitiated", "ServiceSchedulerInitiated", "SpotInterruption", "TerminationNotice")]
    public string? StopCode { get; set; }

    /// <summary>Why the task stopped, in words.</summary>
    public string? StoppedReason { get; set; }

    /// <summary>The task's containers and their states.</summary>
    public List<ContainerInstanceStatus>? Containers { get; set; }

    /// <summary>When the task was created.</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When the task's containers started.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When the task stopped.</summary>
    public DateTime? StoppedAt { get; set; }
}
