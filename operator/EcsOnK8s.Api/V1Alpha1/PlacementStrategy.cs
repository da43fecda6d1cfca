using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PlacementStrategy
{
    [EnumValues("random", "spread", "binpack")]
    public string? Type { get; set; }

    public string? Field { get; set; }
}
