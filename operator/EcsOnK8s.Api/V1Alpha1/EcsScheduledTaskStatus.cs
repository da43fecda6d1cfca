using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>How the schedule runs (a CronJob or the operator), its last and next fire times and recent runs. Written by the operator only.</summary>
public sealed class EcsScheduledTaskStatus : IConditionsStatus
{
    /// <summary>CronJob mode: a CronJob whose schedule is exact on this cluster runs it.</summary>
    public const string CronJobMode = "CronJob";

    /// <summary>Operator mode: the operator creates each run's Job at its fire time.</summary>
    public const string OperatorMode = "Operator";

    /// <summary>The metadata.generation the operator last acted on; older than the object's generation means the status is stale.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Who starts the runs: a CronJob (exact on this cluster), or the operator at each fire time.</summary>
    [EnumValues(CronJobMode, OperatorMode)]
    public string? Mode { get; set; }

    /// <summary>The Kubernetes schedule the expression became, in CronJob mode.</summary>
    public string? CronSchedule { get; set; }

    /// <summary>The fire time of the latest run.</summary>
    public DateTime? LastScheduleTime { get; set; }

    /// <summary>The next fire time; none when the schedule is disabled or has ended.</summary>
    public DateTime? NextScheduleTime { get; set; }

    /// <summary>
    /// When an operator-timed schedule was last enabled (state DISABLED, then ENABLED) or its spec last changed: fire
    /// times before it are neither run nor counted as missed. Unset: since its creation.
    /// </summary>
    public DateTime? ActiveSince { get; set; }

    /// <summary>The latest runs (at most 10), newest first.</summary>
    public List<ScheduledRun>? Runs { get; set; }

    /// <summary>Fire times that passed while no run could start (the operator was down longer than the catch-up window): never replayed.</summary>
    public ScheduledRunCount? MissedRuns { get; set; }

    /// <summary>Fire times whose run could not start within the target's retryPolicy.maximumEventAgeInSeconds.</summary>
    public ScheduledRunCount? DroppedRuns { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
