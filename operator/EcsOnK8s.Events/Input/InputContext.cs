using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Events.Input;

/// <summary>What the predefined variables of an input template stand for: the rule and when the event arrived.</summary>
public sealed record InputContext
{
    /// <summary>&lt;aws.events.rule-name&gt;: the EcsEventRule's name.</summary>
    public required string RuleName { get; init; }

    /// <summary>&lt;aws.events.rule-arn&gt;: see <see cref="RuleArnOf"/>.</summary>
    public required string RuleArn { get; init; }

    /// <summary>&lt;aws.events.event.ingestion-time&gt;: when the operator received or derived the event.</summary>
    public required DateTimeOffset IngestionTime { get; init; }

    /// <summary>
    /// The ARN of a rule: <c>arn:aws:events:REGION:ACCOUNT:rule/NAMESPACE/NAME</c>, the namespace standing where
    /// EventBridge writes a custom event bus (a rule sees only its namespace's events, as it sees only its bus's).
    /// </summary>
    public static string RuleArnOf(EcsEventSettings settings, string ruleNamespace, string ruleName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"arn:aws:events:{settings.Region}:{settings.Account}:rule/{ruleNamespace}/{ruleName}";
    }

    /// <summary>The context of a rule for one event.</summary>
    public static InputContext For(EcsEventSettings settings, string ruleNamespace, string ruleName, DateTimeOffset ingestionTime) => new()
    {
        RuleName = ruleName,
        RuleArn = RuleArnOf(settings, ruleNamespace, ruleName),
        IngestionTime = ingestionTime,
    };
}
