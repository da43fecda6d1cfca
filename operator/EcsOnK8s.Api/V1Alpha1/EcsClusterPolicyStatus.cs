namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// What the operator made of the policy: whether it is accepted, and the EcsClusters it bounds. Written by the
/// operator only, and only when this changes.
/// </summary>
public sealed class EcsClusterPolicyStatus : IConditionsStatus
{
    /// <summary>The maximum number of names <see cref="Clusters"/> lists.</summary>
    public const int ListedClusters = 20;

    /// <summary>The metadata.generation the operator last acted on.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>EcsClusters in the namespaces the policy selects: their spec.policy takes effect only within it.</summary>
    public int? ClustersCount { get; set; }

    /// <summary>The first 20 of those EcsClusters, as namespace/name in order; clustersCount counts them all.</summary>
    public List<string>? Clusters { get; set; }

    /// <summary>Ready: True (Accepted) when the policy is valid; False (InvalidSpec) naming each bad field, and it then grants nothing.</summary>
    public List<Condition>? Conditions { get; set; }
}
