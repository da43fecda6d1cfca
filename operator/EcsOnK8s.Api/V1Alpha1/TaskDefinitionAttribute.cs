using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TaskDefinitionAttribute
{
    /// <summary>The attribute's name.</summary>
    public string? Name { get; set; }

    /// <summary>The attribute's value.</summary>
    public string? Value { get; set; }

    /// <summary>The kind of object the attribute is on: container-instance.</summary>
    [EnumValues("container-instance")]
    public string? TargetType { get; set; }

    /// <summary>The object the attribute is on.</summary>
    public string? TargetId { get; set; }
}
