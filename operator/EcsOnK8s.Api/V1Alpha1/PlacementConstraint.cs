using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PlacementConstraint
{
    /// <summary>distinctInstance (one task per instance) or memberOf (instances matching an expression).</summary>
    [EnumValues("distinctInstance", "memberOf")]
    public string? Type { get; set; }

    /// <summary>A cluster query language expression for memberOf, e.g. attribute:ecs.instance-type =~ t3.*.</summary>
    public string? Expression { get; set; }
}
