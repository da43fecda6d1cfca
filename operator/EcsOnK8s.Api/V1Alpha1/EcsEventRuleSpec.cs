using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.Serialization;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An EventBridge rule (PutRule) and its targets (PutTargets).</summary>
public sealed class EcsEventRuleSpec
{
    /// <summary>ENABLED state: the rule matches events and invokes its targets.</summary>
    public const string Enabled = "ENABLED";

    /// <summary>DISABLED state: the rule matches nothing.</summary>
    public const string Disabled = "DISABLED";

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>ENABLED (default) or DISABLED: a disabled rule matches no event.</summary>
    [EnumValues(Enabled, Disabled)]
    [SchemaDefault("ENABLED")]
    public string? State { get; set; }

    /// <summary>
    /// An EventBridge event pattern (a JSON object), kept as given; an invalid pattern is reported in status with its
    /// JSON path and nothing is delivered. The rule sees only events of its own namespace.
    /// </summary>
    public FreeFormJson? EventPattern { get; set; }

    /// <summary>Where matching events go: one to five targets, each an ECS task or an HTTP endpoint, ids unique.</summary>
    [SchemaRequired]
    [SchemaItems(1, 5)]
    [ListMapKey("id")]
    public List<EventRuleTarget>? Targets { get; set; }

    /// <summary>
    /// Cap on the target invocations of this rule per minute (over all targets); events beyond it are dead letters
    /// with the reason. Guards against a rule whose target's own events match it again. Unset: the operator's default.
    /// </summary>
    [SchemaRange(1, 1_000_000)]
    public int? MaxInvocationsPerMinute { get; set; }
}
