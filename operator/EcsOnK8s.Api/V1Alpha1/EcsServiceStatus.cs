namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EcsServiceStatus : IConditionsStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>ACTIVE, DRAINING or INACTIVE, as ECS reports a service.</summary>
    public string? Status { get; set; }

    /// <summary>The resolved task definition, family:revision.</summary>
    public string? TaskDefinition { get; set; }

    public int? DesiredCount { get; set; }

    public int? RunningCount { get; set; }

    public int? PendingCount { get; set; }

    /// <summary>Label selector of the service's tasks, for the scale subresource.</summary>
    public string? Selector { get; set; }

    public List<ServiceDeployment>? Deployments { get; set; }

    /// <summary>The scalable target's bounds in force and its scheduled actions; absent without autoScaling.</summary>
    public ServiceScalingStatus? AutoScaling { get; set; }

    /// <summary>The last 100 service events, newest first.</summary>
    public List<ServiceEvent>? Events { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
