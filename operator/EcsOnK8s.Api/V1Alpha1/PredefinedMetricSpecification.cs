using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PredefinedMetricSpecification
{
    [EnumValues("ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget")]
    public string? PredefinedMetricType { get; set; }

    public string? ResourceLabel { get; set; }
}
