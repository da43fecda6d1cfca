using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Application Auto Scaling's scalable target, policies and scheduled actions, in lowerCamelCase.</summary>
public sealed class ServiceAutoScaling
{
    /// <summary>The fewest tasks the service scales to; the HorizontalPodAutoscaler's minReplicas.</summary>
    [SchemaRange(0, 100000)]
    public int? MinCapacity { get; set; }

    /// <summary>The most tasks the service scales to; the HorizontalPodAutoscaler's maxReplicas.</summary>
    [SchemaRange(0, 100000)]
    public int? MaxCapacity { get; set; }

    /// <summary>Suspends scaling in, scaling out or scheduled actions.</summary>
    public SuspendedState? SuspendedState { get; set; }

    /// <summary>Policies that keep a metric at a target value.</summary>
    public List<TargetTrackingPolicy>? TargetTrackingPolicies { get; set; }

    /// <summary>Policies that scale by steps of a metric.</summary>
    public List<StepScalingPolicy>? StepScalingPolicies { get; set; }

    /// <summary>Actions that set the capacity bounds at given times.</summary>
    public List<ScheduledAction>? ScheduledActions { get; set; }
}
