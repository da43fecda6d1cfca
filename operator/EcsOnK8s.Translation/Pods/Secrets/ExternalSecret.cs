using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Secrets;

/// <summary>
/// External Secrets Operator's ExternalSecret (external-secrets.io/v1beta1): asks the cluster's secret store to
/// keep a Kubernetes Secret in line with AWS Secrets Manager or SSM. Only references; never a value.
/// </summary>
public sealed class ExternalSecret : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "external-secrets.io/v1beta1";
    public const string KubeKind = "ExternalSecret";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ExternalSecretSpec Spec { get; set; } = new();
}
