using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>How long a lifecycle hook may take and what happens when it does not answer in time.</summary>
public sealed class DeploymentLifecycleHookTimeoutConfiguration
{
    /// <summary>Minutes to wait for the hook.</summary>
    [SchemaRange(1, 20160)]
    public int? TimeoutInMinutes { get; set; }

    /// <summary>What happens when the hook times out: ROLLBACK or CONTINUE.</summary>
    [EnumValues("ROLLBACK", "CONTINUE")]
    public string? Action { get; set; }
}
