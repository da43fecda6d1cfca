using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class StepScalingPolicy
{
    /// <summary>The policy's name.</summary>
    public string? PolicyName { get; set; }

    /// <summary>ChangeInCapacity, PercentChangeInCapacity or ExactCapacity.</summary>
    [EnumValues("ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity")]
    public string? AdjustmentType { get; set; }

    /// <summary>The steps, by metric interval.</summary>
    public List<StepAdjustment>? StepAdjustments { get; set; }

    /// <summary>The smallest change of a PercentChangeInCapacity step.</summary>
    public int? MinAdjustmentMagnitude { get; set; }

    /// <summary>Seconds after a scaling activity before another may start.</summary>
    public int? Cooldown { get; set; }

    /// <summary>How the metric is aggregated: Average, Minimum or Maximum.</summary>
    [EnumValues("Average", "Minimum", "Maximum")]
    public string? MetricAggregationType { get; set; }

    /// <summary>The metric the steps are measured against (the CloudWatch alarm's metric in AWS).</summary>
    public CustomizedMetricSpecification? Metric { get; set; }

    /// <summary>The alarm threshold the step bounds are relative to.</summary>
    public double? Threshold { get; set; }
}
