using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A Kubernetes condition (metav1.Condition).</summary>
public sealed class Condition
{
    [SchemaRequired]
    public string? Type { get; set; }

    [SchemaRequired]
    [EnumValues("True", "False", "Unknown")]
    public string? Status { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public long? ObservedGeneration { get; set; }

    public DateTime? LastTransitionTime { get; set; }
}

/// <summary>How many input paths the translation mapped, approximated, ignored and rejected.</summary>
public sealed class TranslationSummary
{
    public int? Mapped { get; set; }

    public int? Approximated { get; set; }

    public int? Ignored { get; set; }

    public int? Rejected { get; set; }

    /// <summary>The approximated, ignored and rejected paths with their reasons (at most 50).</summary>
    public List<string>? Notes { get; set; }
}

public sealed class EcsTaskDefinitionStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>The newest revision number.</summary>
    public int? LatestRevision { get; set; }

    /// <summary>The newest revision in ECS's family:revision form.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>An ARN-shaped identifier of the newest revision.</summary>
    public string? TaskDefinitionArn { get; set; }

    public List<TaskDefinitionRevision>? Revisions { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}

public sealed class TaskDefinitionRevision
{
    public int? Revision { get; set; }

    /// <summary>Hash of the normalised spec of this revision.</summary>
    public string? Hash { get; set; }

    [EnumValues("ACTIVE", "INACTIVE")]
    public string? Status { get; set; }

    public DateTime? CreatedAt { get; set; }

    /// <summary>Name of the ControllerRevision that stores this revision.</summary>
    public string? ControllerRevision { get; set; }
}

public sealed class EcsServiceStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>ACTIVE, DRAINING or INACTIVE, as ECS reports a service.</summary>
    public string? Status { get; set; }

    /// <summary>The resolved task definition, family:revision.</summary>
    public string? TaskDefinition { get; set; }

    public int? DesiredCount { get; set; }

    public int? RunningCount { get; set; }

    public int? PendingCount { get; set; }

    /// <summary>Label selector of the service's tasks, for the scale subresource.</summary>
    public string? Selector { get; set; }

    public List<ServiceDeployment>? Deployments { get; set; }

    /// <summary>The last 100 service events, newest first.</summary>
    public List<ServiceEvent>? Events { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}

public sealed class ServiceDeployment
{
    public string? Id { get; set; }

    [EnumValues("PRIMARY", "ACTIVE", "INACTIVE")]
    public string? Status { get; set; }

    public string? TaskDefinition { get; set; }

    public int? DesiredCount { get; set; }

    public int? PendingCount { get; set; }

    public int? RunningCount { get; set; }

    public int? FailedTasks { get; set; }

    [EnumValues("IN_PROGRESS", "COMPLETED", "FAILED")]
    public string? RolloutState { get; set; }

    public string? RolloutStateReason { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime? UpdatedAt { get; set; }
}

public sealed class ServiceEvent
{
    public string? Id { get; set; }

    public DateTime? CreatedAt { get; set; }

    public string? Message { get; set; }
}

public sealed class EcsClusterStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>ACTIVE when the cluster is valid.</summary>
    public string? Status { get; set; }

    public List<string>? RegisteredCapacityProviders { get; set; }

    public int? ActiveServicesCount { get; set; }

    public int? RunningTasksCount { get; set; }

    public int? PendingTasksCount { get; set; }

    public List<Condition>? Conditions { get; set; }
}

public sealed class EcsTaskStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>The resolved task definition, family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>PROVISIONING, PENDING, RUNNING, STOPPED for the task set as a whole.</summary>
    public string? LastStatus { get; set; }

    public List<TaskInstanceStatus>? Tasks { get; set; }

    public List<Condition>? Conditions { get; set; }
}

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

public sealed class ContainerInstanceStatus
{
    public string? Name { get; set; }

    public string? LastStatus { get; set; }

    public int? ExitCode { get; set; }

    public string? Reason { get; set; }
}

public sealed class EcsScheduledTaskStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>The Kubernetes schedule the expression became, when cron can express it.</summary>
    public string? CronSchedule { get; set; }

    public DateTime? LastScheduleTime { get; set; }

    public DateTime? NextScheduleTime { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
