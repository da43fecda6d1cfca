using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Application Auto Scaling's scalable target, policies and scheduled actions, in lowerCamelCase.</summary>
public sealed class ServiceAutoScaling
{
    [SchemaRange(0, 100000)]
    public int? MinCapacity { get; set; }

    [SchemaRange(0, 100000)]
    public int? MaxCapacity { get; set; }

    public SuspendedState? SuspendedState { get; set; }

    public List<TargetTrackingPolicy>? TargetTrackingPolicies { get; set; }

    public List<StepScalingPolicy>? StepScalingPolicies { get; set; }

    public List<ScheduledAction>? ScheduledActions { get; set; }
}
