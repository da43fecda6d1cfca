using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class HealthCheck
{
    /// <summary>["CMD", exe, args...] or ["CMD-SHELL", "command line"].</summary>
    public List<string>? Command { get; set; }

    [SchemaRange(5, 300)]
    public int? Interval { get; set; }

    [SchemaRange(2, 120)]
    public int? Timeout { get; set; }

    [SchemaRange(1, 10)]
    public int? Retries { get; set; }

    [SchemaRange(0, 300)]
    public int? StartPeriod { get; set; }
}
