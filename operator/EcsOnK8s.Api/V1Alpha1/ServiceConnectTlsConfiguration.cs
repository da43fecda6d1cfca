namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectTlsConfiguration
{
    public ServiceConnectTlsCertificateAuthority? IssuerCertificateAuthority { get; set; }

    public string? KmsKey { get; set; }

    public string? RoleArn { get; set; }
}
