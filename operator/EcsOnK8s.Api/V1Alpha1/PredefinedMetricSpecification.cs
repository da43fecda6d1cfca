using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PredefinedMetricSpecification
{
    /// <summary>ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization or ALBRequestCountPerTarget.</summary>
    [EnumValues("ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget")]
    public string? PredefinedMetricType { get; set; }

    /// <summary>The ALB and target group of ALBRequestCountPerTarget.</summary>
    public string? ResourceLabel { get; set; }
}
