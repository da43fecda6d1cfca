namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// The service's scalable target as Application Auto Scaling would describe it now: the bounds in force (the
/// registered ones, as the scheduled actions that ran last set them) and the scheduled actions around now.
/// </summary>
public sealed class ServiceScalingStatus
{
    /// <summary>The minimum capacity in force.</summary>
    public int? MinCapacity { get; set; }

    /// <summary>The maximum capacity in force.</summary>
    public int? MaxCapacity { get; set; }

    /// <summary>The scheduled action that ran last, with what it did.</summary>
    public ScheduledActionRun? LastScheduledAction { get; set; }

    /// <summary>The scheduled action that runs next; absent when none will.</summary>
    public ScheduledActionRun? NextScheduledAction { get; set; }
}
