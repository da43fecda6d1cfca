using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LoadBalancer
{
    public string? TargetGroupArn { get; set; }

    public string? LoadBalancerName { get; set; }

    public string? ContainerName { get; set; }

    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }
}
