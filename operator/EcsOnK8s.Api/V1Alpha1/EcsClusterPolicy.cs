using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// A cluster-wide bound on what namespaced EcsClusters may allow. Cluster-scoped, so a tenant who may write
/// EcsClusters in a namespace cannot grant itself more: an EcsCluster's spec.policy takes effect only as far as an
/// EcsClusterPolicy selecting its namespace allows. No EcsClusterPolicy selecting a namespace: every privilege denied.
/// </summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(
    ShortName = "ecspolicy",
    Description = "A cluster-wide bound on what the EcsClusters of the namespaces it selects may allow (privileged, host namespaces, hostPath, capabilities, sysctls).",
    ClusterScoped = true)]
[PrinterColumn("Namespaces", "string", ".spec.namespaces")]
[PrinterColumn("Clusters", "integer", ".status.clustersCount")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].reason")]
public sealed class EcsClusterPolicy : EcsResource<EcsClusterPolicySpec, EcsClusterPolicyStatus>
{
    public const string KindName = "EcsClusterPolicy";
    public const string Plural = "ecsclusterpolicies";

    public EcsClusterPolicy() => Kind = KindName;
}
