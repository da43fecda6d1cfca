using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CapacityProviderStrategyItem
{
    /// <summary>The name of a capacity provider of the cluster (spec.capacityProviders of the EcsCluster).</summary>
    public string? CapacityProvider { get; set; }

    /// <summary>The relative share of tasks this provider gets after the base is placed (0 to 1000).</summary>
    [SchemaRange(0, 1000)]
    public int? Weight { get; set; }

    /// <summary>The number of tasks placed on this provider first, before the weights apply (only one item may set it).</summary>
    [SchemaRange(0, 100000)]
    public int? Base { get; set; }
}
