namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectTlsConfiguration
{
    /// <summary>The certificate authority that issues the proxy's certificates.</summary>
    public ServiceConnectTlsCertificateAuthority? IssuerCertificateAuthority { get; set; }

    /// <summary>The KMS key that protects the certificates.</summary>
    public string? KmsKey { get; set; }

    /// <summary>The IAM role ECS uses for TLS.</summary>
    public string? RoleArn { get; set; }
}
