using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TaskDefinitionAttribute
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    [EnumValues("container-instance")]
    public string? TargetType { get; set; }

    public string? TargetId { get; set; }
}
