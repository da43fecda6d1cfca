using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// What an AWS schedule expression becomes. <see cref="CronSchedule"/> is the five-field Kubernetes schedule, or
/// null when cron cannot express it: then either the expression is invalid (<see cref="Disposition"/> is Rejected)
/// or the operator times the Jobs itself (<see cref="OperatorTimed"/>).
/// </summary>
public sealed record ScheduleTranslation
{
    public required ScheduleKind Kind { get; init; }

    public string? CronSchedule { get; init; }

    public required Disposition Disposition { get; init; }

    public required string Reason { get; init; }

    /// <summary>Kubernetes cron cannot say when to run (L, W, #, at()): no <see cref="CronSchedule"/>.</summary>
    public bool OperatorTimed { get; init; }

    /// <summary>The AWS year field when it restricts the years (the CronJob itself runs every year).</summary>
    public string? Years { get; init; }

    /// <summary>The interval of a <c>rate()</c> schedule (days are 24 hours).</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>The time of a one-time <c>at()</c> schedule, as written (local to the schedule's time zone).</summary>
    public DateTime? At { get; init; }
}
