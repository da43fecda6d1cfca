using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>The TriggerAuthentication of a trigger, in the ScaledObject's namespace.</summary>
public sealed class AuthenticationReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}
