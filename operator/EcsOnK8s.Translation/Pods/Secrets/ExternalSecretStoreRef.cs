using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Pods.Secrets;

public sealed class ExternalSecretStoreRef
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}
