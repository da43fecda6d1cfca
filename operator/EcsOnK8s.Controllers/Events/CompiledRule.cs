using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Events.Patterns;
using EcsOnK8s.Runtime;

namespace EcsOnK8s.Controllers.Events;

/// <summary>A valid EcsEventRule as the delivery uses it: its pattern parsed, its targets' policies resolved.</summary>
public sealed record CompiledRule(EcsEventRule Rule, EventPattern Pattern, IReadOnlyList<CompiledTarget> Targets, int MaxInvocationsPerMinute)
{
    public ObjectKey Key => ObjectKey.From(Rule);

    public string Uid => Rule.Metadata.Uid;

    public bool Enabled => Rule.Spec.State is null or EcsEventRuleSpec.Enabled;

    /// <summary>States reached before this instant are not replayed to the rule (it did not exist).</summary>
    public DateTimeOffset CreatedAt => Rule.Metadata.CreationTimestamp is { } created
        ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc))
        : DateTimeOffset.MinValue;
}
