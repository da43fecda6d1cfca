using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An ECS task target (EventBridge's EcsParameters): a RunTask per matching event.</summary>
public sealed class EcsTaskTarget
{
    /// <summary>family, family:revision, or an ARN ending in family:revision.</summary>
    [SchemaRequired]
    public string? TaskDefinition { get; set; }

    /// <summary>The EcsCluster the tasks run in. Defaults to "default".</summary>
    public string? Cluster { get; set; }

    /// <summary>Number of tasks per event (1 to 10).</summary>
    [SchemaRange(1, 10)]
    public int? Count { get; set; }

    /// <summary>Picks the capacity provider of this name; not together with capacityProviderStrategy.</summary>
    [EnumValues("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
    public string? LaunchType { get; set; }

    /// <summary>Split of the tasks over capacity providers; not together with launchType.</summary>
    public List<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; set; }

    /// <summary>Overrides every task gets; the event's input (input, inputPath or inputTransformer) is merged over them.</summary>
    public TaskOverride? Overrides { get; set; }

    /// <summary>Constant JSON text of a TaskOverride passed instead of the event.</summary>
    public string? Input { get; set; }

    /// <summary>JSONPath ($, $.a.b, $.a[0]) of the part of the event that is the TaskOverride.</summary>
    public string? InputPath { get; set; }

    /// <summary>Variables taken from the event and a template that makes the TaskOverride of them.</summary>
    public InputTransformer? InputTransformer { get; set; }
}
