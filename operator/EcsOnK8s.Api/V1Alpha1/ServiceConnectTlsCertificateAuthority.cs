namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectTlsCertificateAuthority
{
    /// <summary>The AWS Private CA that issues the proxy's certificates.</summary>
    public string? AwsPcaAuthorityArn { get; set; }
}
