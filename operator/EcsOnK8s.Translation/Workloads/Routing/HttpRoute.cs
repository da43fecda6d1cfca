using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>
/// Gateway API's HTTPRoute (gateway.networking.k8s.io/v1, or v1beta1 where only that is served; the fields rendered
/// here have the same shape in both): attaches a Service to a Gateway.
/// </summary>
public sealed class HttpRoute() : ForeignObject<HttpRouteSpec>(KubeApiVersion, KubeKind)
{
    public const string KubeApiVersion = "gateway.networking.k8s.io/v1";
    public const string KubeKind = "HTTPRoute";
}
