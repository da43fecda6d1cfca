namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerInstanceStatus
{
    public string? Name { get; set; }

    public string? LastStatus { get; set; }

    public int? ExitCode { get; set; }

    public string? Reason { get; set; }
}
