namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentCircuitBreaker
{
    public bool? Enable { get; set; }

    public bool? Rollback { get; set; }

    /// <summary>Start counting failures again once a task of the new deployment is healthy.</summary>
    public bool? ResetOnHealthyTask { get; set; }

    /// <summary>How many failed tasks trip the breaker; ECS's default is 50% of desiredCount, between 3 and 200.</summary>
    public ThresholdConfiguration? ThresholdConfiguration { get; set; }
}
