namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A CloudWatch metric: namespace, name and dimensions.</summary>
public sealed class CloudWatchMetric
{
    /// <summary>The metric's name.</summary>
    public string? MetricName { get; set; }

    /// <summary>The metric's namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>The metric's dimensions.</summary>
    public List<MetricDimension>? Dimensions { get; set; }
}
