namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Test traffic selected by an HTTP header.</summary>
public sealed class ServiceConnectTestTrafficHeaderRules
{
    /// <summary>The header that marks test traffic.</summary>
    public string? Name { get; set; }

    public ServiceConnectTestTrafficHeaderMatchRules? Value { get; set; }
}
