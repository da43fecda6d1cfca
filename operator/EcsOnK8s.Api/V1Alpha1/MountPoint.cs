namespace EcsOnK8s.Api.V1Alpha1;

public sealed class MountPoint
{
    /// <summary>The task volume mounted (volumes[].name).</summary>
    public string? SourceVolume { get; set; }

    /// <summary>Where the volume is mounted in the container.</summary>
    public string? ContainerPath { get; set; }

    /// <summary>Whether the mount is read-only (default false).</summary>
    public bool? ReadOnly { get; set; }
}
