using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class PortMapping
{
    /// <summary>The port the container listens on.</summary>
    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }

    /// <summary>The port on the host (host and bridge network modes; awsvpc requires it equal to containerPort).</summary>
    [SchemaRange(0, 65535)]
    public int? HostPort { get; set; }

    /// <summary>tcp (default) or udp.</summary>
    [EnumValues("tcp", "udp")]
    public string? Protocol { get; set; }

    /// <summary>The port's name, used by Service Connect.</summary>
    public string? Name { get; set; }

    /// <summary>The application protocol for Service Connect: http, http2 or grpc.</summary>
    [EnumValues("http", "http2", "grpc")]
    public string? AppProtocol { get; set; }

    /// <summary>A port range such as "8000-8010"; no Kubernetes equivalent.</summary>
    public string? ContainerPortRange { get; set; }
}
