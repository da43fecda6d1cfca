namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentCircuitBreaker
{
    /// <summary>Whether a deployment whose tasks keep failing is marked FAILED (the threshold is ECS's: half the desired count, 3 to 200).</summary>
    public bool? Enable { get; set; }

    /// <summary>Whether a FAILED deployment rolls back to the last COMPLETED task definition.</summary>
    public bool? Rollback { get; set; }

    /// <summary>Start counting failures again once a task of the new deployment is healthy.</summary>
    public bool? ResetOnHealthyTask { get; set; }

    /// <summary>How many failed tasks trip the breaker; ECS's default is 50% of desiredCount, between 3 and 200.</summary>
    public ThresholdConfiguration? ThresholdConfiguration { get; set; }
}
