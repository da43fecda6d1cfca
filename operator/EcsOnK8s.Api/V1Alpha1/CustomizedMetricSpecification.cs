using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CustomizedMetricSpecification
{
    public string? MetricName { get; set; }

    public string? Namespace { get; set; }

    public List<MetricDimension>? Dimensions { get; set; }

    [EnumValues("Average", "Minimum", "Maximum", "SampleCount", "Sum")]
    public string? Statistic { get; set; }

    public string? Unit { get; set; }
}
