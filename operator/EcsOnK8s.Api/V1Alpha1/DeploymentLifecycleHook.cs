using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.Serialization;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A blue/green, linear or canary deployment hook (a Lambda function or a pause). AWS only; reported.</summary>
public sealed class DeploymentLifecycleHook
{
    /// <summary>What runs at the hook: AWS_LAMBDA or PAUSE. Recorded only.</summary>
    [EnumValues("AWS_LAMBDA", "PAUSE")]
    public string? TargetType { get; set; }

    /// <summary>The Lambda function called at the hook. Recorded only.</summary>
    public string? HookTargetArn { get; set; }

    /// <summary>The IAM role ECS uses to call the hook. Recorded only.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The deployment stages at which the hook runs. Recorded only.</summary>
    [EnumValues("RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
        "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT")]
    public List<string>? LifecycleStages { get; set; }

    /// <summary>Free-form JSON passed to the hook target; kept as given.</summary>
    public FreeFormJson? HookDetails { get; set; }

    public DeploymentLifecycleHookTimeoutConfiguration? TimeoutConfiguration { get; set; }
}
