using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Device
{
    /// <summary>The device's path on the host.</summary>
    public string? HostPath { get; set; }

    /// <summary>Where the device appears in the container (the host path when unset).</summary>
    public string? ContainerPath { get; set; }

    /// <summary>What the container may do with the device: read, write, mknod.</summary>
    [EnumValues("read", "write", "mknod")]
    public List<string>? Permissions { get; set; }
}
