using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LoadBalancer
{
    public string? TargetGroupArn { get; set; }

    public string? LoadBalancerName { get; set; }

    public string? ContainerName { get; set; }

    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }

    /// <summary>Alternate target group and listener rules for blue/green deployments; AWS only.</summary>
    public AdvancedConfiguration? AdvancedConfiguration { get; set; }
}
