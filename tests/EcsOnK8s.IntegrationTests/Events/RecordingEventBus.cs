using System.Collections.Concurrent;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>Stands for the EcsEventRules' delivery: records what the endpoint publishes and accepts it.</summary>
internal sealed class RecordingEventBus : IEventBus
{
    public ConcurrentQueue<(string Namespace, AwsEvent Event)> Published { get; } = new();

    public Task<IReadOnlyList<PublishOutcome>> PublishAsync(string @namespace, IReadOnlyList<AwsEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            Published.Enqueue((@namespace, e));
        }

        return Task.FromResult<IReadOnlyList<PublishOutcome>>([.. events.Select(e => new PublishOutcome(e.Id))]);
    }
}
