using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ProxyConfiguration
{
    /// <summary>The proxy type: APPMESH.</summary>
    [EnumValues("APPMESH")]
    public string? Type { get; set; }

    /// <summary>The proxy container.</summary>
    public string? ContainerName { get; set; }

    public List<NameValuePair>? Properties { get; set; }
}
