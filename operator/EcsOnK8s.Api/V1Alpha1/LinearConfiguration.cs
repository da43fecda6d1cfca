using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LinearConfiguration
{
    public double? StepPercent { get; set; }

    [SchemaRange(0, 1440)]
    public int? StepBakeTimeInMinutes { get; set; }
}
