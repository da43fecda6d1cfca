using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class StepScalingPolicy
{
    public string? PolicyName { get; set; }

    [EnumValues("ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity")]
    public string? AdjustmentType { get; set; }

    public List<StepAdjustment>? StepAdjustments { get; set; }

    public int? MinAdjustmentMagnitude { get; set; }

    public int? Cooldown { get; set; }

    [EnumValues("Average", "Minimum", "Maximum")]
    public string? MetricAggregationType { get; set; }

    /// <summary>The metric the steps are measured against (the CloudWatch alarm's metric in AWS).</summary>
    public CustomizedMetricSpecification? Metric { get; set; }

    /// <summary>The alarm threshold the step bounds are relative to.</summary>
    public double? Threshold { get; set; }
}
