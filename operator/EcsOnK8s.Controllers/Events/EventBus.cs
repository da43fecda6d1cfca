using System.Net;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Runtime.LeaderElection;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Posted events into the rules' delivery: each event is matched against the enabled rules of its namespace, and
/// each match is written as a ConfigMap (<see cref="PendingEvent"/>, owned by the rule) before the answer, so a crash
/// after it loses nothing. The leader delivers what these ConfigMaps hold (<see cref="EcsEventSource"/>, which
/// watches them) and deletes each once all its targets are done. The same event id accepted again for a rule
/// writes nothing new: the ConfigMap's name is derived from the rule and the event id.
/// </summary>
/// <remarks>
/// Every replica accepts: the host gives this bus a client without the leader election's write fence
/// (<see cref="ClientKey"/>), since recording an accepted event is no leader's decision (the name makes it
/// idempotent) and a follower refusing would fail every post the Service sends it.
/// </remarks>
public sealed class EventBus(IKubernetes kubernetes, EventRuleRegistry registry, TimeProvider time) : IEventBus
{
    /// <summary>The service key of the <see cref="IKubernetes"/> the bus writes with, when the host registers one.</summary>
    public const string ClientKey = "ecsonk8s-event-bus";

    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(string @namespace, IReadOnlyList<AwsEvent> events, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentNullException.ThrowIfNull(events);
        if (!registry.Complete)
        {
            // Just started (or the rules' list keeps failing): an event would match no rule and be dropped with a
            // success. Refused for a retry instead, as when it cannot be recorded.
            return [.. events.Select(e => new PublishOutcome(e.Id, "InternalFailure", "the operator has not read the event rules yet; retry"))];
        }

        var outcomes = new List<PublishOutcome>(events.Count);
        foreach (var @event in events)
        {
            var json = JsonSerializer.SerializeToElement(@event.ToJson());
            var now = time.GetUtcNow();
            try
            {
                foreach (var rule in registry.Match(@namespace, json))
                {
                    var configMap = new V1ConfigMap
                    {
                        ApiVersion = "v1",
                        Kind = "ConfigMap",
                        Metadata = DeliveryRecordStore.Metadata(rule.Rule, PendingEvent.NameOf(rule.Uid, @event.Id), WellKnownLabels.EventRecordPending),
                        Data = PendingEvent.Encode(@event, rule.Targets.Select(t => t.Id), now),
                    };
                    try
                    {
                        await kubernetes.CoreV1.CreateNamespacedConfigMapAsync(configMap, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
                    {
                        // Accepted before (a client's retry of the same event): it is delivered once.
                    }
                }

                outcomes.Add(new PublishOutcome(@event.Id));
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or LeadershipLostException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new PublishOutcome(@event.Id, "InternalFailure", "the event could not be recorded; retry"));
            }
        }

        return outcomes;
    }
}
