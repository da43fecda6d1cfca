using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectClientAlias
{
    /// <summary>The port clients use.</summary>
    [SchemaRange(0, 65535)]
    public int? Port { get; set; }

    /// <summary>The name clients use (default: discoveryName.namespace).</summary>
    public string? DnsName { get; set; }

    /// <summary>Requests routed to the new revision as test traffic during a blue/green deployment.</summary>
    public ServiceConnectTestTrafficRules? TestTrafficRules { get; set; }
}
