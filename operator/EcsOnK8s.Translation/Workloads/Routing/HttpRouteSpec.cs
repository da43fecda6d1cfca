using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Routing;

public sealed class HttpRouteSpec
{
    [JsonPropertyName("parentRefs")]
    public IList<HttpRouteParentReference> ParentRefs { get; set; } = [];

    [JsonPropertyName("rules")]
    public IList<HttpRouteRule> Rules { get; set; } = [];
}
