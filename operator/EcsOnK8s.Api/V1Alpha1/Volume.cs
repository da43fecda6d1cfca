namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Volume
{
    public string? Name { get; set; }

    /// <summary>Bind mount; without sourcePath a task-scoped scratch volume (emptyDir).</summary>
    public HostVolumeProperties? Host { get; set; }

    public DockerVolumeConfiguration? DockerVolumeConfiguration { get; set; }

    public EfsVolumeConfiguration? EfsVolumeConfiguration { get; set; }

    public FsxWindowsFileServerVolumeConfiguration? FsxWindowsFileServerVolumeConfiguration { get; set; }

    /// <summary>The volume is configured by the service (volumeConfigurations) at launch.</summary>
    public bool? ConfiguredAtLaunch { get; set; }
}
