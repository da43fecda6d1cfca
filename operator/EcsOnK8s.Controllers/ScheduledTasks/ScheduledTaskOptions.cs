using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Controllers.ScheduledTasks;

/// <summary>How the operator runs schedules.</summary>
public sealed record ScheduledTaskOptions
{
    /// <summary>
    /// How late a run may still start after its fire time (as a CronJob's startingDeadlineSeconds): a fire time the
    /// operator reaches later (it was down) is counted as missed, not run. 5 minutes by default.
    /// </summary>
    public TimeSpan CatchUpWindow { get; init; } = RenderRequest.DefaultScheduleCatchUpWindow;

    /// <summary>How many runs' Jobs a schedule keeps (and lists in its status); older finished ones are deleted.</summary>
    public int RunHistory { get; init; } = 10;
}
