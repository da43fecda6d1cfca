namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Tmpfs
{
    public string? ContainerPath { get; set; }

    /// <summary>Size in MiB.</summary>
    public int? Size { get; set; }

    public List<string>? MountOptions { get; set; }
}
