using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>Either a pod identity or Secret references.</summary>
public sealed class TriggerAuthenticationSpec
{
    [JsonPropertyName("podIdentity")]
    public PodIdentity? PodIdentity { get; set; }

    [JsonPropertyName("secretTargetRef")]
    public IList<SecretTargetReference>? SecretTargetRef { get; set; }
}
