namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Device
{
    public string? HostPath { get; set; }

    public string? ContainerPath { get; set; }

    public List<string>? Permissions { get; set; }
}
