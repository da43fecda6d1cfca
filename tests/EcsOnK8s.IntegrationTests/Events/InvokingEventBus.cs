using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>
/// Stands in for the rules' dispatcher in a latency measurement: every event goes to one target of one rule, at
/// once, and the answer waits for it (no durable record, no matching).
/// </summary>
internal sealed class InvokingEventBus(IEventTargetInvoker invoker, EcsOnK8s.Api.V1Alpha1.EcsEventRule rule) : IEventBus
{
    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(string @namespace, IReadOnlyList<AwsEvent> events, CancellationToken cancellationToken)
    {
        var outcomes = new List<PublishOutcome>();
        foreach (var e in events)
        {
            var outcome = await invoker.InvokeAsync(new TargetInvocation(rule, rule.Spec!.Targets![0], e, e.ToJson(), 1), cancellationToken);
            outcomes.Add(outcome.Kind == TargetOutcomeKind.Delivered ? new PublishOutcome(e.Id) : new PublishOutcome(e.Id, "InternalFailure", outcome.Reason));
        }

        return outcomes;
    }
}
