using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>What a ScaledObject scales: any resource with a scale subresource.</summary>
public sealed class ScaleTargetReference
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}
