namespace EcsOnK8s.Translation.Workloads;

/// <summary>The scalable target's bounds at an instant, as <see cref="ScheduledScaling.Evaluate"/> derives them.</summary>
public sealed record ScheduledScalingResult
{
    /// <summary>The minimum capacity in force: the registered one unless a scheduled action that ran set another.</summary>
    public required int MinCapacity { get; init; }

    /// <summary>The maximum capacity in force.</summary>
    public required int MaxCapacity { get; init; }

    /// <summary>
    /// The latest fire time at or before the instant of every action that has one, in the order they ran (fire time,
    /// then index); each says whether it could set its bounds. Empty without an instant or when scheduled scaling is
    /// suspended.
    /// </summary>
    public IReadOnlyList<ScheduledActionFiring> Ran { get; init; } = [];

    /// <summary>The action that runs next (the first in the list on a tie), or null when none will.</summary>
    public ScheduledActionFiring? Next { get; init; }

    /// <summary>Refused scheduled action fields; the actions they belong to are left out.</summary>
    public IReadOnlyList<ScheduledScalingError> Errors { get; init; } = [];

    /// <summary>The action that ran last, or null.</summary>
    public ScheduledActionFiring? Last => Ran.Count > 0 ? Ran[^1] : null;

    /// <summary>A desired count moved into [<see cref="MinCapacity"/>, <see cref="MaxCapacity"/>], as registering the bounds does in ECS.</summary>
    public int Clamp(int desiredCount) => MinCapacity <= MaxCapacity ? Math.Clamp(desiredCount, MinCapacity, MaxCapacity) : desiredCount;
}
