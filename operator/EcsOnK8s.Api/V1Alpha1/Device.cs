using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Device
{
    public string? HostPath { get; set; }

    public string? ContainerPath { get; set; }

    [EnumValues("read", "write", "mknod")]
    public List<string>? Permissions { get; set; }
}
