namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A CloudWatch metric with the statistic of a <see cref="MetricDataQuery"/>.</summary>
public sealed class MetricStat
{
    /// <summary>The metric.</summary>
    public CloudWatchMetric? Metric { get; set; }

    /// <summary>The statistic: Average, Sum, Minimum, Maximum, SampleCount or a percentile.</summary>
    public string? Stat { get; set; }

    /// <summary>The metric's unit.</summary>
    public string? Unit { get; set; }
}
