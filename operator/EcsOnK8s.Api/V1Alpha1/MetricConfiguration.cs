using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>CloudWatch metrics published at a given resolution.</summary>
public sealed class MetricConfiguration
{
    /// <summary>Metric names.</summary>
    public List<string>? MetricNames { get; set; }

    /// <summary>Resolution of the metrics in seconds.</summary>
    [SchemaRange(20, 60)]
    public int? ResolutionSeconds { get; set; }
}
