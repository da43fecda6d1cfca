namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>High-resolution CloudWatch metrics of the service. Accepted and ignored (AWS only).</summary>
public sealed class MonitoringConfiguration
{
    public List<MetricConfiguration>? MetricConfigurations { get; set; }
}
