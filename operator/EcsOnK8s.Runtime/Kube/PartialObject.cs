using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>Any object read for its metadata only (the rest of the JSON is skipped).</summary>
internal sealed class PartialObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}
