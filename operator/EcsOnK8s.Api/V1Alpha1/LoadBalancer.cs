using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LoadBalancer
{
    /// <summary>The ALB/NLB target group the tasks register in.</summary>
    public string? TargetGroupArn { get; set; }

    /// <summary>The Classic Load Balancer the tasks register in.</summary>
    public string? LoadBalancerName { get; set; }

    /// <summary>The container that receives the traffic.</summary>
    public string? ContainerName { get; set; }

    /// <summary>The container's port that receives the traffic.</summary>
    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }

    /// <summary>Alternate target group and listener rules for blue/green deployments; AWS only.</summary>
    public AdvancedConfiguration? AdvancedConfiguration { get; set; }
}
