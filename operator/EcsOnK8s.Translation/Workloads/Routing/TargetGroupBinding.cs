using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>
/// The AWS Load Balancer Controller's TargetGroupBinding (elbv2.k8s.aws/v1beta1): registers the endpoints of a
/// Service in an existing target group, ECS's own model of a service's loadBalancers[].targetGroupArn.
/// </summary>
public sealed class TargetGroupBinding() : ForeignObject<TargetGroupBindingSpec>(KubeApiVersion, KubeKind)
{
    public const string KubeApiVersion = "elbv2.k8s.aws/v1beta1";
    public const string KubeKind = "TargetGroupBinding";
}
