using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectClientAlias
{
    [SchemaRange(0, 65535)]
    public int? Port { get; set; }

    public string? DnsName { get; set; }
}
