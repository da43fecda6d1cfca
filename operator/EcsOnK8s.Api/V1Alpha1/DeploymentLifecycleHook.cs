using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.Serialization;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A blue/green, linear or canary deployment hook (a Lambda function or a pause). AWS only; reported.</summary>
public sealed class DeploymentLifecycleHook
{
    [EnumValues("AWS_LAMBDA", "PAUSE")]
    public string? TargetType { get; set; }

    public string? HookTargetArn { get; set; }

    public string? RoleArn { get; set; }

    [EnumValues("RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
        "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT")]
    public List<string>? LifecycleStages { get; set; }

    /// <summary>Free-form JSON passed to the hook target; kept as given.</summary>
    public FreeFormJson? HookDetails { get; set; }

    public DeploymentLifecycleHookTimeoutConfiguration? TimeoutConfiguration { get; set; }
}
