using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EcsParameters
{
    /// <summary>family, family:revision, or an ARN ending in family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>AWS's spelling of taskDefinition; either may be given.</summary>
    public string? TaskDefinitionArn { get; set; }

    /// <summary>Tasks started at each fire time (1 to 10, ECS default 1).</summary>
    [SchemaRange(1, 10)]
    [SchemaDefault(1)]
    public int? TaskCount { get; set; }

    /// <summary>EC2, FARGATE or EXTERNAL: the cluster's capacity provider of that name runs the tasks.</summary>
    [EnumValues("EC2", "FARGATE", "EXTERNAL")]
    public string? LaunchType { get; set; }

    /// <summary>How the tasks are spread over the cluster's capacity providers (instead of launchType).</summary>
    public List<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; set; }

    /// <summary>The tasks' VPC networking (awsvpc).</summary>
    public NetworkConfiguration? NetworkConfiguration { get; set; }

    /// <summary>The Fargate platform version.</summary>
    public string? PlatformVersion { get; set; }

    /// <summary>The task group of the started tasks.</summary>
    public string? Group { get; set; }

    /// <summary>Placement constraints of the tasks.</summary>
    public List<PlacementConstraint>? PlacementConstraints { get; set; }

    /// <summary>Placement strategies of the tasks.</summary>
    public List<PlacementStrategy>? PlacementStrategy { get; set; }

    /// <summary>Whether the tasks get the task definition's tags (TASK_DEFINITION) or none.</summary>
    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    public string? PropagateTags { get; set; }

    /// <summary>Whether ECS-managed tags (cluster, service) are added to the tasks.</summary>
    public bool? EnableECSManagedTags { get; set; }

    /// <summary>Whether ECS Exec is enabled for the tasks (kubectl exec is the Kubernetes way).</summary>
    public bool? EnableExecuteCommand { get; set; }

    /// <summary>A reference ID of the run.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Tags of the tasks.</summary>
    public List<Dictionary<string, string>>? Tags { get; set; }

    /// <summary>RunTask overrides (the parsed form of target.input).</summary>
    public TaskOverride? Overrides { get; set; }
}
