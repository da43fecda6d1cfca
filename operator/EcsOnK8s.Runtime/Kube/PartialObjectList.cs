using System.Text.Json.Serialization;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>A list read for its items' metadata only.</summary>
internal sealed class PartialObjectList
{
    [JsonPropertyName("items")]
    public List<PartialObject>? Items { get; set; }
}
