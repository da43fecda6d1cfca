using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

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
