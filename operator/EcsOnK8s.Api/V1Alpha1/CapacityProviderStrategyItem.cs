using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CapacityProviderStrategyItem
{
    public string? CapacityProvider { get; set; }

    [SchemaRange(0, 1000)]
    public int? Weight { get; set; }

    [SchemaRange(0, 100000)]
    public int? Base { get; set; }
}
