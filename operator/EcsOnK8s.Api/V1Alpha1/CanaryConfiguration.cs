using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CanaryConfiguration
{
    /// <summary>The percentage of tasks moved to the new revision in the canary step.</summary>
    public double? CanaryPercent { get; set; }

    /// <summary>Minutes to wait after the canary step before the rest of the tasks move.</summary>
    [SchemaRange(0, 1440)]
    public int? CanaryBakeTimeInMinutes { get; set; }
}
