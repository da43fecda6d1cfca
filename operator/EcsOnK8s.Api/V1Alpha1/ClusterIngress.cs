namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// What receives outside traffic for services whose loadBalancers name a target group, where the AWS Load Balancer
/// Controller (TargetGroupBinding) is not installed: a Gateway API Gateway (an HTTPRoute per target group), else an
/// IngressClass (an Ingress per target group). With neither, the translation report says nothing receives it.
/// </summary>
public sealed class ClusterIngress
{
    /// <summary>The Gateway that the rendered HTTPRoutes attach to (needs Gateway API's CRDs).</summary>
    public GatewayReference? Gateway { get; set; }

    /// <summary>The IngressClass of the rendered networking.k8s.io/v1 Ingresses (when no Gateway is named or served).</summary>
    public string? IngressClassName { get; set; }
}
