using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Routing;

public sealed class HttpRouteParentReference
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("sectionName")]
    public string? SectionName { get; set; }
}
