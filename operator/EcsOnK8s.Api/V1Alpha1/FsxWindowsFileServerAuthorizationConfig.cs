namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FsxWindowsFileServerAuthorizationConfig
{
    public string? CredentialsParameter { get; set; }

    public string? Domain { get; set; }
}
