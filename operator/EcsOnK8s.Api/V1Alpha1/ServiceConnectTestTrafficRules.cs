namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Which requests a blue/green deployment sends to the new revision as test traffic.</summary>
public sealed class ServiceConnectTestTrafficRules
{
    public ServiceConnectTestTrafficHeaderRules? Header { get; set; }
}
