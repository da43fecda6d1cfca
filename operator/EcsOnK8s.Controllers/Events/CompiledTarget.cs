using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Events;

/// <summary>A target of a valid rule with its retry policy resolved (EventBridge's defaults where unset).</summary>
public sealed record CompiledTarget(EventRuleTarget Target, int MaximumRetryAttempts, TimeSpan MaximumEventAge)
{
    public string Id => Target.Id!;
}
