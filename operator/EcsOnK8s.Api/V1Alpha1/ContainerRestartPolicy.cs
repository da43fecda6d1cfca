using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerRestartPolicy
{
    public bool? Enabled { get; set; }

    public List<int>? IgnoredExitCodes { get; set; }

    [SchemaRange(60, 1800)]
    public int? RestartAttemptPeriod { get; set; }
}
