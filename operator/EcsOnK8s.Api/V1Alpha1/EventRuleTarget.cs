using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A target of an EcsEventRule: exactly one of ecsTask and http.</summary>
public sealed class EventRuleTarget
{
    /// <summary>Unique within the rule; names the target in status and dead letters.</summary>
    [SchemaRequired]
    public string? Id { get; set; }

    /// <summary>Run an ECS task per matching event (an EcsTask named after the event id).</summary>
    public EcsTaskTarget? EcsTask { get; set; }

    /// <summary>POST each matching event to an HTTP endpoint as a CloudEvent.</summary>
    public HttpTarget? Http { get; set; }

    /// <summary>How long and how often a failed invocation is retried before it becomes a dead letter.</summary>
    public RetryPolicy? RetryPolicy { get; set; }
}
