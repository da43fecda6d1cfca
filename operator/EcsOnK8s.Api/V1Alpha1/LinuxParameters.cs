using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LinuxParameters
{
    public KernelCapabilities? Capabilities { get; set; }

    public List<Device>? Devices { get; set; }

    public bool? InitProcessEnabled { get; set; }

    /// <summary>Size of /dev/shm in MiB.</summary>
    [SchemaRange(0, int.MaxValue)]
    public int? SharedMemorySize { get; set; }

    public List<Tmpfs>? Tmpfs { get; set; }

    /// <summary>Swap the container may use, in MiB; 0 disables swap.</summary>
    [SchemaRange(0, int.MaxValue)]
    public int? MaxSwap { get; set; }

    [SchemaRange(0, 100)]
    public int? Swappiness { get; set; }
}
