namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectTlsCertificateAuthority
{
    public string? AwsPcaAuthorityArn { get; set; }
}
