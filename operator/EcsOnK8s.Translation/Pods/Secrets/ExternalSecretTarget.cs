using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Pods.Secrets;

public sealed class ExternalSecretTarget
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("creationPolicy")]
    public string? CreationPolicy { get; set; }
}
