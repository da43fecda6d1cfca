using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceRegistry
{
    /// <summary>The Cloud Map service the tasks register in.</summary>
    public string? RegistryArn { get; set; }

    /// <summary>The port registered (SRV records).</summary>
    [SchemaRange(0, 65535)]
    public int? Port { get; set; }

    /// <summary>The container whose port is registered.</summary>
    public string? ContainerName { get; set; }

    /// <summary>The container's port that is registered.</summary>
    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }
}
