using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentConfiguration
{
    /// <summary>Marks a deployment FAILED when its tasks keep failing, and optionally rolls it back.</summary>
    public DeploymentCircuitBreaker? DeploymentCircuitBreaker { get; set; }

    /// <summary>The upper bound of running tasks during a deployment, as a percentage of desiredCount (ECS default 200).</summary>
    [SchemaRange(0, 10000)]
    public int? MaximumPercent { get; set; }

    /// <summary>The lower bound of healthy tasks during a deployment, as a percentage of desiredCount (ECS default 100).</summary>
    [SchemaRange(0, 100)]
    public int? MinimumHealthyPercent { get; set; }

    /// <summary>CloudWatch alarms that fail a deployment. Recorded only.</summary>
    public DeploymentAlarms? Alarms { get; set; }

    /// <summary>How tasks move to a new revision: ROLLING (default), BLUE_GREEN, LINEAR or CANARY.</summary>
    [EnumValues("ROLLING", "BLUE_GREEN", "LINEAR", "CANARY")]
    public string? Strategy { get; set; }

    /// <summary>Minutes both revisions run side by side before the old one stops (0 to 1440 in ECS).</summary>
    [SchemaRange(0, 1440)]
    public int? BakeTimeInMinutes { get; set; }

    public List<DeploymentLifecycleHook>? LifecycleHooks { get; set; }

    /// <summary>Step size and bake time of a LINEAR deployment.</summary>
    public LinearConfiguration? LinearConfiguration { get; set; }

    /// <summary>Canary size and bake time of a CANARY deployment.</summary>
    public CanaryConfiguration? CanaryConfiguration { get; set; }
}
