using EcsOnK8s.Translation.Model;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>KEDA's ScaledObject (keda.sh/v1alpha1): KEDA runs the HPA of its scale target from the triggers.</summary>
[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = KubeKind, PluralName = "scaledobjects")]
public sealed class ScaledObject() : ForeignObject<ScaledObjectSpec>("keda.sh/v1alpha1", KubeKind)
{
    public const string KubeKind = "ScaledObject";
}
