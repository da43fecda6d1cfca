using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerRestartPolicy
{
    /// <summary>Whether ECS restarts the container in place when it exits.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Exit codes after which the container is not restarted.</summary>
    public List<int>? IgnoredExitCodes { get; set; }

    /// <summary>Seconds the container must have run before a restart is attempted again (60 to 1800, ECS default 300).</summary>
    [SchemaRange(60, 1800)]
    public int? RestartAttemptPeriod { get; set; }
}
