using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A one-off run of a task definition: the RunTask request.</summary>
public sealed class EcsTaskSpec
{
    /// <summary>The EcsCluster the tasks run in. Defaults to "default".</summary>
    public string? Cluster { get; set; }

    /// <summary>family, family:revision, or an ARN ending in family:revision.</summary>
    [SchemaRequired]
    public string? TaskDefinition { get; set; }

    /// <summary>Number of tasks to start (1 to 10 in ECS).</summary>
    [SchemaRange(1, 10)]
    public int? Count { get; set; }

    [EnumValues("EC2", "FARGATE", "EXTERNAL")]
    public string? LaunchType { get; set; }

    public List<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; set; }

    public string? PlatformVersion { get; set; }

    public NetworkConfiguration? NetworkConfiguration { get; set; }

    public TaskOverride? Overrides { get; set; }

    public List<PlacementConstraint>? PlacementConstraints { get; set; }

    public List<PlacementStrategy>? PlacementStrategy { get; set; }

    public string? StartedBy { get; set; }

    public string? Group { get; set; }

    public List<Tag>? Tags { get; set; }

    public bool? EnableECSManagedTags { get; set; }

    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    public string? PropagateTags { get; set; }

    public bool? EnableExecuteCommand { get; set; }

    public string? ReferenceId { get; set; }

    public string? ClientToken { get; set; }

    public List<ServiceVolumeConfiguration>? VolumeConfigurations { get; set; }
}

/// <summary>RunTask overrides.</summary>
public sealed class TaskOverride
{
    public List<ContainerOverride>? ContainerOverrides { get; set; }

    public string? Cpu { get; set; }

    public string? Memory { get; set; }

    public string? ExecutionRoleArn { get; set; }

    public string? TaskRoleArn { get; set; }

    public EphemeralStorage? EphemeralStorage { get; set; }

    public List<InferenceAcceleratorOverride>? InferenceAcceleratorOverrides { get; set; }
}

public sealed class ContainerOverride
{
    public string? Name { get; set; }

    public List<string>? Command { get; set; }

    public List<NameValuePair>? Environment { get; set; }

    public List<EnvironmentFile>? EnvironmentFiles { get; set; }

    public int? Cpu { get; set; }

    public int? Memory { get; set; }

    public int? MemoryReservation { get; set; }

    public List<ResourceRequirement>? ResourceRequirements { get; set; }
}

public sealed class InferenceAcceleratorOverride
{
    public string? DeviceName { get; set; }

    public string? DeviceType { get; set; }
}

/// <summary>An EventBridge Scheduler schedule whose target runs an ECS task.</summary>
public sealed class EcsScheduledTaskSpec
{
    /// <summary>The EcsCluster the tasks run in. Defaults to the cluster named by target.arn, else "default".</summary>
    public string? Cluster { get; set; }

    /// <summary>at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(min hour dom month dow year).</summary>
    [SchemaRequired]
    public string? ScheduleExpression { get; set; }

    /// <summary>IANA time zone of the expression; UTC by default.</summary>
    public string? ScheduleExpressionTimezone { get; set; }

    public string? StartDate { get; set; }

    public string? EndDate { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? State { get; set; }

    public string? Description { get; set; }

    public string? GroupName { get; set; }

    public FlexibleTimeWindow? FlexibleTimeWindow { get; set; }

    [EnumValues("NONE", "DELETE")]
    public string? ActionAfterCompletion { get; set; }

    public ScheduleTarget? Target { get; set; }
}

public sealed class FlexibleTimeWindow
{
    [EnumValues("OFF", "FLEXIBLE")]
    public string? Mode { get; set; }

    [SchemaRange(1, 1440)]
    public int? MaximumWindowInMinutes { get; set; }
}

public sealed class ScheduleTarget
{
    /// <summary>The ECS cluster ARN; its last segment names the EcsCluster.</summary>
    public string? Arn { get; set; }

    public string? RoleArn { get; set; }

    /// <summary>JSON text of the RunTask overrides, as EventBridge passes it.</summary>
    public string? Input { get; set; }

    public RetryPolicy? RetryPolicy { get; set; }

    public DeadLetterConfig? DeadLetterConfig { get; set; }

    public EcsParameters? EcsParameters { get; set; }
}

public sealed class RetryPolicy
{
    [SchemaRange(60, 86400)]
    public int? MaximumEventAgeInSeconds { get; set; }

    [SchemaRange(0, 185)]
    public int? MaximumRetryAttempts { get; set; }
}

public sealed class DeadLetterConfig
{
    public string? Arn { get; set; }
}

public sealed class EcsParameters
{
    /// <summary>family, family:revision, or an ARN ending in family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>AWS's spelling of taskDefinition; either may be given.</summary>
    public string? TaskDefinitionArn { get; set; }

    [SchemaRange(1, 10)]
    public int? TaskCount { get; set; }

    [EnumValues("EC2", "FARGATE", "EXTERNAL")]
    public string? LaunchType { get; set; }

    public List<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; set; }

    public NetworkConfiguration? NetworkConfiguration { get; set; }

    public string? PlatformVersion { get; set; }

    public string? Group { get; set; }

    public List<PlacementConstraint>? PlacementConstraints { get; set; }

    public List<PlacementStrategy>? PlacementStrategy { get; set; }

    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    public string? PropagateTags { get; set; }

    public bool? EnableECSManagedTags { get; set; }

    public bool? EnableExecuteCommand { get; set; }

    public string? ReferenceId { get; set; }

    public List<Dictionary<string, string>>? Tags { get; set; }

    /// <summary>RunTask overrides (the parsed form of target.input).</summary>
    public TaskOverride? Overrides { get; set; }
}
