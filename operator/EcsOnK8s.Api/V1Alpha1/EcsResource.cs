using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Common shape of the EcsOnK8s custom resources.</summary>
public abstract class EcsResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus>
    where TSpec : new()
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = EcsApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus Status { get; set; } = default!;
}
