using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TaskDefinitionPlacementConstraint
{
    /// <summary>memberOf.</summary>
    [EnumValues("memberOf")]
    public string? Type { get; set; }

    /// <summary>A cluster query language expression.</summary>
    public string? Expression { get; set; }
}
