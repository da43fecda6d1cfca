namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FsxWindowsFileServerAuthorizationConfig
{
    /// <summary>The secret with the credentials of the file share.</summary>
    public string? CredentialsParameter { get; set; }

    /// <summary>The Active Directory domain of the file share.</summary>
    public string? Domain { get; set; }
}
