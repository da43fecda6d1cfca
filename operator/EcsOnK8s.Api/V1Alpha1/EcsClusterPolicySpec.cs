using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Which namespaces the bound applies to, and what their EcsClusters may allow at most.</summary>
public sealed class EcsClusterPolicySpec
{
    /// <summary>Namespace names this policy applies to; '*' for every namespace.</summary>
    public List<string>? Namespaces { get; set; }

    /// <summary>
    /// Namespaces this policy applies to by their labels (in addition to spec.namespaces). Namespace labels are
    /// written by whoever may update namespaces, normally not a tenant.
    /// </summary>
    public PolicyNamespaceSelector? NamespaceSelector { get; set; }

    /// <summary>
    /// The most an EcsCluster of a selected namespace may allow: each switch and list of an EcsCluster's spec.policy
    /// takes effect only where this allows it too. When several EcsClusterPolicies select a namespace, what any of
    /// them allows is allowed.
    /// </summary>
    public ClusterPolicy? Allow { get; set; }

    /// <summary>
    /// A floor on the Pod Security level of the selected namespaces' EcsClusters: restricted makes each of them
    /// render restricted pods whatever its spec.podSecurity says; baseline (default) leaves them their own.
    /// </summary>
    [EnumValues(PodSecurityLevels.Baseline, PodSecurityLevels.Restricted)]
    public string? PodSecurity { get; set; }
}
