using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PlacementConstraint
{
    [EnumValues("distinctInstance", "memberOf")]
    public string? Type { get; set; }

    public string? Expression { get; set; }
}
