namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Delivery to the rule's targets: per-target results, the last error, undeliverable events. Written by the operator only.</summary>
public sealed class EcsEventRuleStatus : IConditionsStatus
{
    /// <summary>The most dead letters status keeps (the newest).</summary>
    public const int MaxDeadLetters = 20;

    /// <summary>The metadata.generation the operator last acted on; older than the object's generation means the status is stale.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Per target: events matched, delivered and failed.</summary>
    public List<EventRuleTargetStatus>? Targets { get; set; }

    /// <summary>The latest delivery error, of any target.</summary>
    public string? LastError { get; set; }

    /// <summary>The last 20 events given up on (retries or age exhausted, invocation cap), newest first.</summary>
    public List<EventDeadLetter>? DeadLetters { get; set; }

    public List<Condition>? Conditions { get; set; }
}
