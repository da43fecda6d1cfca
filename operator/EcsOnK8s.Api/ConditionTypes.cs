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
}
