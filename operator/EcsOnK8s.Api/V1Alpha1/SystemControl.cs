namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SystemControl
{
    /// <summary>The kernel parameter, e.g. net.core.somaxconn.</summary>
    public string? Namespace { get; set; }

    /// <summary>The kernel parameter's value.</summary>
    public string? Value { get; set; }
}
