using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>What one target of a rule has seen.</summary>
public sealed class EventRuleTargetStatus
{
    /// <summary>The target's id, as in spec.targets.</summary>
    [SchemaRequired]
    public string? Id { get; set; }

    /// <summary>Events that matched the rule and were due to this target.</summary>
    public long? Matched { get; set; }

    /// <summary>Events the target accepted.</summary>
    public long? Delivered { get; set; }

    /// <summary>Events given up on (dead letters).</summary>
    public long? Failed { get; set; }
}
