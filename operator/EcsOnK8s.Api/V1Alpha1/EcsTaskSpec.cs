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

    [EnumValues("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
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

    public List<TaskVolumeConfiguration>? VolumeConfigurations { get; set; }
}
