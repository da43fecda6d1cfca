using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>One running or stopped task, as DescribeTasks reports it.</summary>
public sealed class TaskInstanceStatus
{
    public string? TaskArn { get; set; }

    public string? LastStatus { get; set; }

    public string? DesiredStatus { get; set; }

    [EnumValues("TaskFailedToStart", "EssentialContainerExited", "UserInitiated", "ServiceSchedulerInitiated", "SpotInterruption", "TerminationNotice")]
    public string? StopCode { get; set; }

    public string? StoppedReason { get; set; }

    public List<ContainerInstanceStatus>? Containers { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? StoppedAt { get; set; }
}
