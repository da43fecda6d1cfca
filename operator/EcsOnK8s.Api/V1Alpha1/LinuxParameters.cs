using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LinuxParameters
{
    /// <summary>Linux capabilities added or dropped.</summary>
    public KernelCapabilities? Capabilities { get; set; }

    /// <summary>Host devices exposed to the container.</summary>
    public List<Device>? Devices { get; set; }

    /// <summary>Whether an init process runs in the container to forward signals and reap zombies.</summary>
    public bool? InitProcessEnabled { get; set; }

    /// <summary>Size of /dev/shm in MiB.</summary>
    [SchemaRange(0, int.MaxValue)]
    public int? SharedMemorySize { get; set; }

    /// <summary>tmpfs mounts of the container.</summary>
    public List<Tmpfs>? Tmpfs { get; set; }

    /// <summary>Swap the container may use, in MiB; 0 disables swap.</summary>
    [SchemaRange(0, int.MaxValue)]
    public int? MaxSwap { get; set; }

    /// <summary>The container's swappiness (0 to 100).</summary>
    [SchemaRange(0, 100)]
    public int? Swappiness { get; set; }
}
