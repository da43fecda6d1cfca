using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>KEDA's TriggerAuthentication (keda.sh/v1alpha1): how the AWS scalers authenticate. Never a credential value.</summary>
[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = KubeKind, PluralName = "triggerauthentications")]
public sealed class TriggerAuthentication : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeKind = "TriggerAuthentication";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "keda.sh/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TriggerAuthenticationSpec Spec { get; set; } = new();
}
