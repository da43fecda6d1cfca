using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceRegistry
{
    public string? RegistryArn { get; set; }

    [SchemaRange(0, 65535)]
    public int? Port { get; set; }

    public string? ContainerName { get; set; }

    [SchemaRange(0, 65535)]
    public int? ContainerPort { get; set; }
}
