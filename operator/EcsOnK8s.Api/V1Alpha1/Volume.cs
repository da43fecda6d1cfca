namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Volume
{
    /// <summary>The volume's name, referenced by mountPoints.sourceVolume.</summary>
    public string? Name { get; set; }

    /// <summary>Bind mount; without sourcePath a task-scoped scratch volume (emptyDir).</summary>
    public HostVolumeProperties? Host { get; set; }

    /// <summary>A Docker volume (task or shared scope).</summary>
    public DockerVolumeConfiguration? DockerVolumeConfiguration { get; set; }

    /// <summary>An EFS file system.</summary>
    public EfsVolumeConfiguration? EfsVolumeConfiguration { get; set; }

    /// <summary>An FSx for Windows File Server share.</summary>
    public FsxWindowsFileServerVolumeConfiguration? FsxWindowsFileServerVolumeConfiguration { get; set; }

    /// <summary>Amazon S3 Files file system. (The property is spelled so both JSON and YAML use ECS's s3filesVolumeConfiguration.)</summary>
    public S3FilesVolumeConfiguration? S3filesVolumeConfiguration { get; set; }

    /// <summary>The volume is configured by the service (volumeConfigurations) at launch.</summary>
    public bool? ConfiguredAtLaunch { get; set; }
}
