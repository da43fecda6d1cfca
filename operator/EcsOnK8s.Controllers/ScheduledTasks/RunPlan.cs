namespace EcsOnK8s.Controllers.ScheduledTasks;

/// <summary>What <see cref="RunPlanner.Plan"/> decided for one reconcile of an operator-timed schedule.</summary>
public sealed record RunPlan
{
    /// <summary>The fire time whose run starts now (its Job is created unless it exists); null when none is due.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>Fire times newly counted as missed (oldest first; only the latest few are listed).</summary>
    public IReadOnlyList<DateTimeOffset> Missed { get; init; } = [];

    /// <summary>How many fire times were newly missed (may exceed <see cref="Missed"/>'s length).</summary>
    public long MissedCount { get; init; }

    /// <summary>A fire time newly dropped: its run could not start within the maximum event age.</summary>
    public DateTimeOffset? Dropped { get; init; }

    /// <summary>The next nominal fire time after now; null when none remains.</summary>
    public DateTimeOffset? NextFireTime { get; init; }

    /// <summary>When the next run is to start (its fire time plus its flexible offset); null when none remains.</summary>
    public DateTimeOffset? NextStart { get; init; }

    /// <summary>No fire time remains, and none waits for its start.</summary>
    public bool Ended { get; init; }
}
