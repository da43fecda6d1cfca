using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerDependency
{
    /// <summary>The container this container waits for.</summary>
    public string? ContainerName { get; set; }

    /// <summary>What to wait for: START (started), COMPLETE (exited), SUCCESS (exited 0) or HEALTHY (health check passed).</summary>
    [EnumValues("START", "COMPLETE", "SUCCESS", "HEALTHY")]
    public string? Condition { get; set; }
}
