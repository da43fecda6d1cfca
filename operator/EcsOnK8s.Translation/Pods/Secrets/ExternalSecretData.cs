using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Pods.Secrets;

public sealed class ExternalSecretData
{
    [JsonPropertyName("secretKey")]
    public string? SecretKey { get; set; }

    [JsonPropertyName("remoteRef")]
    public ExternalSecretRemoteRef RemoteRef { get; set; } = new();
}
