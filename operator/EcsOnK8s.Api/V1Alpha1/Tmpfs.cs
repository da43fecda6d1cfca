namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Tmpfs
{
    /// <summary>Where the tmpfs is mounted in the container.</summary>
    public string? ContainerPath { get; set; }

    /// <summary>Size in MiB.</summary>
    public int? Size { get; set; }

    /// <summary>Mount options of the tmpfs.</summary>
    public List<string>? MountOptions { get; set; }
}
