namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>How the header value is matched.</summary>
public sealed class ServiceConnectTestTrafficHeaderMatchRules
{
    public string? Exact { get; set; }
}
