using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Model;

/// <summary>
/// A resource of a controller the operator renders for without owning its types (KEDA, the AWS Load Balancer
/// Controller, Gateway API, External Secrets): the frame of every Kubernetes object with a typed spec. The builders
/// set <see cref="ApiVersion"/> to the version discovery found served.
/// </summary>
public abstract class ForeignObject<TSpec>(string apiVersion, string kind) : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = apiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();
}
