namespace EcsOnK8s.Api;

/// <summary>Condition types every EcsOnK8s resource may carry.</summary>
public static class ConditionTypes
{
    /// <summary>The object is valid and what it renders is applied (and, for services, steady).</summary>
    public const string Ready = "Ready";

    /// <summary>A rollout is under way.</summary>
    public const string Progressing = "Progressing";

    /// <summary>Something is wrong that the user must fix: invalid or refused spec, failed rollout.</summary>
    public const string Degraded = "Degraded";

    /// <summary>A schedule has no fire time left (EcsScheduledTask only).</summary>
    public const string Ended = "Ended";

    /// <summary>
    /// EcsCluster only: True when the cluster-wide bound (EcsClusterPolicy) cuts down what spec.policy allows; the
    /// message names each field that takes no effect.
    /// </summary>
    public const string PolicyCapped = "PolicyCapped";

    /// <summary>
    /// EcsService and EcsTask: False when Kubernetes refuses to create their pods (Pod Security admission, a quota, a
    /// webhook); the message is the refusal's.
    /// </summary>
    public const string PodsAdmitted = "PodsAdmitted";
}
