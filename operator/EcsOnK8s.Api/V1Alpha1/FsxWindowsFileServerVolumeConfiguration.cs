namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FsxWindowsFileServerVolumeConfiguration
{
    public string? FileSystemId { get; set; }

    public string? RootDirectory { get; set; }

    public FsxWindowsFileServerAuthorizationConfig? AuthorizationConfig { get; set; }
}
