using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>KEDA's ScaledObject (keda.sh/v1alpha1): KEDA runs the HPA of its scale target from the triggers.</summary>
[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = KubeKind, PluralName = "scaledobjects")]
public sealed class ScaledObject : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeKind = "ScaledObject";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "keda.sh/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ScaledObjectSpec Spec { get; set; } = new();
}
