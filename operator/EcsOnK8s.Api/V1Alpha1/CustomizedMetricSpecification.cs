using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CustomizedMetricSpecification
{
    /// <summary>The metric's name.</summary>
    public string? MetricName { get; set; }

    /// <summary>The metric's namespace (CloudWatch).</summary>
    public string? Namespace { get; set; }

    /// <summary>The metric's dimensions.</summary>
    public List<MetricDimension>? Dimensions { get; set; }

    /// <summary>How the metric's data points are aggregated: Average, Minimum, Maximum, SampleCount or Sum.</summary>
    [EnumValues("Average", "Minimum", "Maximum", "SampleCount", "Sum")]
    public string? Statistic { get; set; }

    /// <summary>The metric's unit.</summary>
    public string? Unit { get; set; }

    /// <summary>Metric math instead of one metric, e.g. an SQS queue's backlog per task (the queue depth over the running task count).</summary>
    public List<MetricDataQuery>? Metrics { get; set; }
}
