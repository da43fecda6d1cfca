using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PlacementStrategy
{
    /// <summary>random, spread (evenly over a field) or binpack (as few instances as possible).</summary>
    [EnumValues("random", "spread", "binpack")]
    public string? Type { get; set; }

    /// <summary>What spread or binpack applies to: instanceId, host, attribute:NAME, cpu or memory.</summary>
    public string? Field { get; set; }
}
