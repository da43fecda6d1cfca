namespace EcsOnK8s.Api.V1Alpha1;

public sealed class SuspendedState
{
    /// <summary>Whether scaling in by policies is suspended.</summary>
    public bool? DynamicScalingInSuspended { get; set; }

    /// <summary>Whether scaling out by policies is suspended.</summary>
    public bool? DynamicScalingOutSuspended { get; set; }

    /// <summary>Whether scheduled actions are suspended.</summary>
    public bool? ScheduledScalingSuspended { get; set; }
}
