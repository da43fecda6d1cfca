using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Pods.Secrets;

public sealed class ExternalSecretRemoteRef
{
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    [JsonPropertyName("property")]
    public string? Property { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }
}
