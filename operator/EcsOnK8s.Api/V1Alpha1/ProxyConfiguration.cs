using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ProxyConfiguration
{
    [EnumValues("APPMESH")]
    public string? Type { get; set; }

    public string? ContainerName { get; set; }

    public List<NameValuePair>? Properties { get; set; }
}
