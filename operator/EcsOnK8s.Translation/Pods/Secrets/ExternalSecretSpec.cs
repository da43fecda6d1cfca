using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Pods.Secrets;

public sealed class ExternalSecretSpec
{
    [JsonPropertyName("refreshInterval")]
    public string? RefreshInterval { get; set; }

    [JsonPropertyName("secretStoreRef")]
    public ExternalSecretStoreRef SecretStoreRef { get; set; } = new();

    [JsonPropertyName("target")]
    public ExternalSecretTarget Target { get; set; } = new();

    [JsonPropertyName("data")]
    public IList<ExternalSecretData> Data { get; set; } = [];
}
