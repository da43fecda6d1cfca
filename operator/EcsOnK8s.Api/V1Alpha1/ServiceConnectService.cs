using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectService
{
    public string? PortName { get; set; }

    public string? DiscoveryName { get; set; }

    public List<ServiceConnectClientAlias>? ClientAliases { get; set; }

    [SchemaRange(0, 65535)]
    public int? IngressPortOverride { get; set; }

    public TimeoutConfiguration? Timeout { get; set; }

    public ServiceConnectTlsConfiguration? Tls { get; set; }
}
