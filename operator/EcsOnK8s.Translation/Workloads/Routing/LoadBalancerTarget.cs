namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>
/// A loadBalancers[] entry with a target group, resolved to the rendered Service's port:
/// <paramref name="Index"/> is its position in loadBalancers (for the report).
/// </summary>
public sealed record LoadBalancerTarget(int Index, string TargetGroupArn, string ServiceName, int Port, string Protocol);
