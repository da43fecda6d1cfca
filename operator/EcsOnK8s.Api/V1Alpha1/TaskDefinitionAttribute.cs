namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TaskDefinitionAttribute
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }
}
