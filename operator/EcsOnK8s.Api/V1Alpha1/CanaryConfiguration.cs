using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CanaryConfiguration
{
    public double? CanaryPercent { get; set; }

    [SchemaRange(0, 1440)]
    public int? CanaryBakeTimeInMinutes { get; set; }
}
