namespace EcsOnK8s.Events.Ecs;

/// <summary>A service deployment's state change: the input of an "ECS Deployment State Change" event.</summary>
public sealed record DeploymentStateChange
{
    public required string Cluster { get; init; }

    public required string ServiceName { get; init; }

    /// <summary>The EcsService's Kubernetes UID: with the deployment id and name, the event id.</summary>
    public required string ServiceUid { get; init; }

    public required DeploymentEventName Name { get; init; }

    /// <summary>The deployment's id as the service's status shows it (ECS: ecs-svc/NNNN).</summary>
    public required string DeploymentId { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Human-readable reason (ECS: "ECS deployment ecs-svc/123 in progress.", the circuit breaker's reason).</summary>
    public string? Reason { get; init; }
}
