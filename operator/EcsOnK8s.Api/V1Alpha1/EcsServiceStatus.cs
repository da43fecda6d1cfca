namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>The service as ECS would describe it: counts, deployments with their rollout states, service events, conditions. Written by the operator only.</summary>
public sealed class EcsServiceStatus : IConditionsStatus
{
    /// <summary>The metadata.generation the operator last acted on; older than the object's generation means the status is stale.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>ACTIVE, DRAINING or INACTIVE, as ECS reports a service.</summary>
    public string? Status { get; set; }

    /// <summary>The resolved task definition, family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>Tasks the service wants now: spec.desiredCount, or the scaling bounds' value when autoScaling is set.</summary>
    public int? DesiredCount { get; set; }

    /// <summary>Tasks of the service that are running and ready.</summary>
    public int? RunningCount { get; set; }

    /// <summary>Tasks of the service that are started but not ready yet.</summary>
    public int? PendingCount { get; set; }

    /// <summary>Label selector of the service's tasks, for the scale subresource.</summary>
    public string? Selector { get; set; }

    /// <summary>The service's deployments, as ECS reports them: the PRIMARY one (the current task definition, with its rolloutState) and ACTIVE ones still draining.</summary>
    public List<ServiceDeployment>? Deployments { get; set; }

    /// <summary>The scalable target's bounds in force and its scheduled actions; absent without autoScaling.</summary>
    public ServiceScalingStatus? AutoScaling { get; set; }

    /// <summary>The last 100 service events, newest first.</summary>
    public List<ServiceEvent>? Events { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
