namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SuspendedState
{
    public bool? DynamicScalingInSuspended { get; set; }

    public bool? DynamicScalingOutSuspended { get; set; }

    public bool? ScheduledScalingSuspended { get; set; }
}
