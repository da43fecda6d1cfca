using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>A rule without matches: Gateway API's default, every path (prefix /).</summary>
public sealed class HttpRouteRule
{
    [JsonPropertyName("backendRefs")]
    public IList<HttpRouteBackendReference> BackendRefs { get; set; } = [];
}
