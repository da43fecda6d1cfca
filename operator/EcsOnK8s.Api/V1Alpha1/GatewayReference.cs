using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A Gateway API Gateway (and optionally one of its listeners) that routes attach to.</summary>
public sealed class GatewayReference
{
    /// <summary>The Gateway's name.</summary>
    [SchemaRequired]
    public string? Name { get; set; }

    /// <summary>The Gateway's namespace; the service's own namespace when empty. Its listeners must allow routes from there.</summary>
    public string? Namespace { get; set; }

    /// <summary>The listener (section) of the Gateway to attach to; every listener that allows the route when empty.</summary>
    public string? SectionName { get; set; }
}
