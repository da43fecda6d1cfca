using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectService
{
    /// <summary>The task definition's port mapping (by name) this entry exposes.</summary>
    public string? PortName { get; set; }

    /// <summary>The name others discover the port by (default the port name).</summary>
    public string? DiscoveryName { get; set; }

    /// <summary>The names and ports clients use.</summary>
    public List<ServiceConnectClientAlias>? ClientAliases { get; set; }

    /// <summary>The port the proxy listens on.</summary>
    [SchemaRange(0, 65535)]
    public int? IngressPortOverride { get; set; }

    /// <summary>Idle and per-request timeouts of the proxy.</summary>
    public TimeoutConfiguration? Timeout { get; set; }

    /// <summary>TLS of the proxy.</summary>
    public ServiceConnectTlsConfiguration? Tls { get; set; }
}
