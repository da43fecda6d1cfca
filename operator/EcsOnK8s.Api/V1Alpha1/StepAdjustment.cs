namespace EcsOnK8s.Api.V1Alpha1;

public sealed class StepAdjustment
{
    /// <summary>The lower bound of the step, relative to the alarm threshold.</summary>
    public double? MetricIntervalLowerBound { get; set; }

    /// <summary>The upper bound of the step, relative to the alarm threshold.</summary>
    public double? MetricIntervalUpperBound { get; set; }

    /// <summary>How much capacity changes in this step.</summary>
    public int? ScalingAdjustment { get; set; }
}
