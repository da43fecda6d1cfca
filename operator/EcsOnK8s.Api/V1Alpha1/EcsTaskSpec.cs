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
    [SchemaDefault(1)]
    public int? Count { get; set; }

    /// <summary>Picks the capacity provider of this name.</summary>
    [EnumValues("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
    public string? LaunchType { get; set; }

    /// <summary>Split of the tasks over capacity providers: bases first, then by weight.</summary>
    public List<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; set; }

    /// <summary>Fargate platform version; ignored.</summary>
    public string? PlatformVersion { get; set; }

    /// <summary>awsvpc subnets and security groups; ignored off AWS.</summary>
    public NetworkConfiguration? NetworkConfiguration { get; set; }

    /// <summary>Per-run overrides: container command, environment, sizes, roles.</summary>
    public TaskOverride? Overrides { get; set; }

    /// <summary>distinctInstance or memberOf constraints; become affinity.</summary>
    public List<PlacementConstraint>? PlacementConstraints { get; set; }

    /// <summary>random, spread or binpack strategies; spread becomes topology spread.</summary>
    public List<PlacementStrategy>? PlacementStrategy { get; set; }

    /// <summary>Free text recorded on the tasks (a label), like ECS startedBy.</summary>
    public string? StartedBy { get; set; }

    /// <summary>Task group name; recorded on the tasks.</summary>
    public string? Group { get; set; }

    /// <summary>Task tags; become sanitised labels.</summary>
    public List<Tag>? Tags { get; set; }

    /// <summary>ECS managed tags; the operator always labels what it renders.</summary>
    public bool? EnableECSManagedTags { get; set; }

    /// <summary>Copy tags from the task definition to the tasks.</summary>
    [EnumValues("TASK_DEFINITION", "SERVICE", "NONE")]
    public string? PropagateTags { get; set; }

    /// <summary>ECS Exec; in Kubernetes, pods/exec is governed by RBAC.</summary>
    public bool? EnableExecuteCommand { get; set; }

    /// <summary>Caller reference recorded on the tasks.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Idempotency token of RunTask; ignored (the resource name is the identity).</summary>
    public string? ClientToken { get; set; }

    /// <summary>Volumes marked configuredAtLaunch in the task definition (managed EBS); become per-task PVCs.</summary>
    public List<TaskVolumeConfiguration>? VolumeConfigurations { get; set; }
}
