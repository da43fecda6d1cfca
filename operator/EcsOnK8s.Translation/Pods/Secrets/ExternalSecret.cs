using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Translation.Pods.Secrets;

/// <summary>
/// External Secrets Operator's ExternalSecret: asks the cluster's secret store to keep a Kubernetes Secret in line
/// with AWS Secrets Manager or SSM. Only references; never a value. Rendered in the served version
/// (<see cref="Model.ClusterCapabilities.ExternalSecretApiVersion"/>): external-secrets.io/v1 and v1beta1 have the
/// same shape for every field rendered here (refreshInterval, secretStoreRef, target, data[].remoteRef).
/// </summary>
public sealed class ExternalSecret() : ForeignObject<ExternalSecretSpec>(KubeApiVersion, KubeKind)
{
    /// <summary>The version current External Secrets serves (v1beta1 is no longer served from 0.17).</summary>
    public const string KubeApiVersion = "external-secrets.io/v1";
    public const string KubeKind = "ExternalSecret";
}
