using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Delivers one event to one target of one kind (an ECS task, an HTTP endpoint). The dispatcher owns retries,
/// backoff, the event age limit, dead letters and counts; an invoker makes one attempt and says how it went. An
/// attempt must be idempotent for the same event id: a redelivery after a crash repeats it.
/// </summary>
public interface IEventTargetInvoker
{
    /// <summary>Whether this invoker handles the target (by which of its members is set).</summary>
    bool Handles(EventRuleTarget target);

    Task<TargetOutcome> InvokeAsync(TargetInvocation invocation, CancellationToken cancellationToken);
}
