namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Volume
{
    public string? Name { get; set; }

    /// <summary>Bind mount; without sourcePath a task-scoped scratch volume (emptyDir).</summary>
    public HostVolumeProperties? Host { get; set; }

    public DockerVolumeConfiguration? DockerVolumeConfiguration { get; set; }

    public EfsVolumeConfiguration? EfsVolumeConfiguration { get; set; }

    public FsxWindowsFileServerVolumeConfiguration? FsxWindowsFileServerVolumeConfiguration { get; set; }

    /// <summary>Amazon S3 Files file system. (The property is spelled so both JSON and YAML use ECS's s3filesVolumeConfiguration.)</summary>
    public S3FilesVolumeConfiguration? S3filesVolumeConfiguration { get; set; }

    /// <summary>The volume is configured by the service (volumeConfigurations) at launch.</summary>
    public bool? ConfiguredAtLaunch { get; set; }
}
