using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TimeoutConfiguration
{
    [SchemaRange(0, int.MaxValue)]
    public int? IdleTimeoutSeconds { get; set; }

    [SchemaRange(0, int.MaxValue)]
    public int? PerRequestTimeoutSeconds { get; set; }
}
