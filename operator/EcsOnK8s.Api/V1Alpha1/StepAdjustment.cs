namespace EcsOnK8s.Api.V1Alpha1;

public sealed class StepAdjustment
{
    public double? MetricIntervalLowerBound { get; set; }

    public double? MetricIntervalUpperBound { get; set; }

    public int? ScalingAdjustment { get; set; }
}
