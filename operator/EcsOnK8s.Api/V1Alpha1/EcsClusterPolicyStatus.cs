namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// Reserved: the operator writes nothing here yet (what a bound refuses is reported on the EcsClusters it caps).
/// </summary>
public sealed class EcsClusterPolicyStatus
{
    /// <summary>The metadata.generation the operator last acted on.</summary>
    public long? ObservedGeneration { get; set; }
}
