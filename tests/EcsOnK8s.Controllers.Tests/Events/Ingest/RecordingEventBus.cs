using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Tests.Events.Ingest;

/// <summary>Records what is published; <see cref="Refuse"/> picks events to fail, <see cref="Failure"/> makes the call throw.</summary>
public sealed class RecordingEventBus : IEventBus
{
    public List<(string Namespace, AwsEvent Event)> Published { get; } = [];

    public Func<AwsEvent, bool> Refuse { get; set; } = _ => false;

    public Exception? Failure { get; set; }

    public Task<IReadOnlyList<PublishOutcome>> PublishAsync(string @namespace, IReadOnlyList<AwsEvent> events, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        var outcomes = new List<PublishOutcome>();
        foreach (var e in events)
        {
            if (Refuse(e))
            {
                outcomes.Add(new PublishOutcome(e.Id, "InternalFailure", "not recorded"));
                continue;
            }

            Published.Add((@namespace, e));
            outcomes.Add(new PublishOutcome(e.Id));
        }

        return Task.FromResult<IReadOnlyList<PublishOutcome>>(outcomes);
    }
}
