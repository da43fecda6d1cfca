using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TimeoutConfiguration
{
    /// <summary>Seconds a connection may stay idle.</summary>
    [SchemaRange(0, int.MaxValue)]
    public int? IdleTimeoutSeconds { get; set; }

    /// <summary>Seconds a request may take.</summary>
    [SchemaRange(0, int.MaxValue)]
    public int? PerRequestTimeoutSeconds { get; set; }
}
