namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EcsScheduledTaskStatus : IConditionsStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>The Kubernetes schedule the expression became, when cron can express it.</summary>
    public string? CronSchedule { get; set; }

    public DateTime? LastScheduleTime { get; set; }

    public DateTime? NextScheduleTime { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
