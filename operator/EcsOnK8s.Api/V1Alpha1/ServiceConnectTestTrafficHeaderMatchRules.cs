namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>How the header value is matched.</summary>
public sealed class ServiceConnectTestTrafficHeaderMatchRules
{
    /// <summary>The header value that marks test traffic.</summary>
    public string? Exact { get; set; }
}
