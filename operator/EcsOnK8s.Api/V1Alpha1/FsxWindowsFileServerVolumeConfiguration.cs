namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FsxWindowsFileServerVolumeConfiguration
{
    /// <summary>The FSx for Windows File Server file system.</summary>
    public string? FileSystemId { get; set; }

    /// <summary>The directory of the share that is mounted.</summary>
    public string? RootDirectory { get; set; }

    /// <summary>Credentials and domain of the share.</summary>
    public FsxWindowsFileServerAuthorizationConfig? AuthorizationConfig { get; set; }
}
