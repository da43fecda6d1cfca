using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PortMapping
{
    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }

    [SchemaRange(0, 65535)]
    public int? HostPort { get; set; }

    [EnumValues("tcp", "udp")]
    public string? Protocol { get; set; }

    public string? Name { get; set; }

    [EnumValues("http", "http2", "grpc")]
    public string? AppProtocol { get; set; }

    /// <summary>A port range such as "8000-8010"; no Kubernetes equivalent.</summary>
    public string? ContainerPortRange { get; set; }
}
