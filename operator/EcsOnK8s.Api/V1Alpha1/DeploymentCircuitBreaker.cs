namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentCircuitBreaker
{
    public bool? Enable { get; set; }

    public bool? Rollback { get; set; }
}
