using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentConfiguration
{
    public DeploymentCircuitBreaker? DeploymentCircuitBreaker { get; set; }

    [SchemaRange(0, 10000)]
    public int? MaximumPercent { get; set; }

    [SchemaRange(0, 100)]
    public int? MinimumHealthyPercent { get; set; }

    public DeploymentAlarms? Alarms { get; set; }

    [EnumValues("ROLLING", "BLUE_GREEN", "LINEAR", "CANARY")]
    public string? Strategy { get; set; }

    /// <summary>Minutes both revisions run side by side before the old one stops (0 to 1440 in ECS).</summary>
    [SchemaRange(0, 1440)]
    public int? BakeTimeInMinutes { get; set; }

    public List<DeploymentLifecycleHook>? LifecycleHooks { get; set; }

    public LinearConfiguration? LinearConfiguration { get; set; }

    public CanaryConfiguration? CanaryConfiguration { get; set; }
}
