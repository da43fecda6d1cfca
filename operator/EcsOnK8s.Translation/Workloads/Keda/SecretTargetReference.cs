using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>A scaler parameter read from a key of a Secret.</summary>
public sealed class SecretTargetReference
{
    [JsonPropertyName("parameter")]
    public string Parameter { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;
}
