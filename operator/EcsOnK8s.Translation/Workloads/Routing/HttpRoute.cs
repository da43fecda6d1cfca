using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>
/// Gateway API's HTTPRoute (gateway.networking.k8s.io/v1, or v1beta1 where only that is served; the fields rendered
/// here have the same shape in both): attaches a Service to a Gateway.
/// </summary>
public sealed class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "gateway.networking.k8s.io/v1";
    public const string KubeKind = "HTTPRoute";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public HttpRouteSpec Spec { get; set; } = new();
}
