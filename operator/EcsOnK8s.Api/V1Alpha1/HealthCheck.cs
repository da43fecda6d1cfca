using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class HealthCheck
{
    /// <summary>["CMD", exe, args...] or ["CMD-SHELL", "command line"].</summary>
    public List<string>? Command { get; set; }

    /// <summary>Seconds between checks (5 to 300, ECS default 30).</summary>
    [SchemaRange(5, 300)]
    public int? Interval { get; set; }

    /// <summary>Seconds a check may take (2 to 120, ECS default 5).</summary>
    [SchemaRange(2, 120)]
    public int? Timeout { get; set; }

    /// <summary>Failed checks before the container is unhealthy (1 to 10, ECS default 3).</summary>
    [SchemaRange(1, 10)]
    public int? Retries { get; set; }

    /// <summary>Seconds of grace after start during which failed checks do not count (0 to 300).</summary>
    [SchemaRange(0, 300)]
    public int? StartPeriod { get; set; }
}
