using EcsOnK8s.Translation.Model;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>KEDA's TriggerAuthentication (keda.sh/v1alpha1): how the AWS scalers authenticate. Never a credential value.</summary>
[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = KubeKind, PluralName = "triggerauthentications")]
public sealed class TriggerAuthentication() : ForeignObject<TriggerAuthenticationSpec>("keda.sh/v1alpha1", KubeKind)
{
    public const string KubeKind = "TriggerAuthentication";
}
