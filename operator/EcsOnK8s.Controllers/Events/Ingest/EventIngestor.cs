using System.Text.Json.Nodes;
using EcsOnK8s.Events.Ecs;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>
/// The events endpoint's work once the caller is authorised: parse the request, hand the accepted entries to the
/// <see cref="IEventBus"/> of the namespace, answer in PutEvents' shape
/// (<c>{"FailedEntryCount":n,"Entries":[{"EventId"} | {"ErrorCode","ErrorMessage"}]}</c>). A request refused as a
/// whole publishes nothing. Independent of ASP.NET, so it is tested without a server.
/// </summary>
public sealed partial class EventIngestor(IEventBus bus, EcsEventSettings settings, TimeProvider time, ILogger<EventIngestor> logger)
{
    /// <summary>PutEvents: a new UUID per accepted entry.</summary>
    public Task<IngestResponse> PutEventsAsync(string @namespace, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var parsed = PutEventsParser.Parse(body, settings, time.GetUtcNow(), () => Guid.NewGuid().ToString());
        return PublishAsync(@namespace, parsed, cloudEvents: false, cancellationToken);
    }

    /// <summary>
    /// CloudEvents (structured, batch or binary mode): answered in the same shape; 200 when every event was
    /// accepted, 500 when one was not (a CloudEvents sender retries on 5xx; the events keep their ids, so the
    /// redelivery is recognised).
    /// </summary>
    public Task<IngestResponse> CloudEventsAsync(
        string @namespace, string? contentType, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        var parsed = CloudEventsParser.Parse(contentType, headers, body, settings, time.GetUtcNow());
        return PublishAsync(@namespace, parsed, cloudEvents: true, cancellationToken);
    }

    private async Task<IngestResponse> PublishAsync(string ns, IngestParseResult parsed, bool cloudEvents, CancellationToken cancellationToken)
    {
        if (parsed.Refusal is { } refusal)
        {
            var (type, reason) = (refusal.ErrorType, refusal.Body["message"]?.GetValue<string>());
            LogRefused(logger, ns, type, reason);
            return refusal;
        }

        var events = parsed.Entries.Where(e => e.Event is not null).Select(e => e.Event!).ToList();
        IReadOnlyList<PublishOutcome> outcomes = [];
        if (events.Count > 0)
        {
            try
            {
                outcomes = await bus.PublishAsync(ns, events, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, ns, events.Count, e);
                return IngestResponse.Error(EventBridgeErrorType.InternalException, "The events could not be recorded; send them again.");
            }

            if (outcomes.Count != events.Count)
            {
                return IngestResponse.Error(EventBridgeErrorType.InternalException, "The events could not be recorded; send them again.");
            }
        }

        var answers = new JsonArray();
        var failed = 0;
        var next = 0;
        foreach (var entry in parsed.Entries)
        {
            var outcome = entry.Event is null
                ? new PublishOutcome(string.Empty, entry.ErrorCode, entry.ErrorMessage)
                : outcomes[next++];
            if (outcome.Accepted)
            {
                answers.Add(new JsonObject { ["EventId"] = outcome.EventId });
            }
            else
            {
                failed++;
                answers.Add(new JsonObject { ["ErrorCode"] = outcome.ErrorCode, ["ErrorMessage"] = outcome.ErrorMessage });
            }
        }

        LogPublished(logger, ns, parsed.Entries.Count - failed, failed);
        var body = new JsonObject { ["FailedEntryCount"] = failed, ["Entries"] = answers };
        return new IngestResponse(cloudEvents && failed > 0 ? 500 : 200, body);
    }

    [LoggerMessage(EventId = 8110, Level = LogLevel.Debug, Message = "Events posted to namespace {Namespace}: {Accepted} accepted, {Failed} failed")]
    private static partial void LogPublished(ILogger logger, string @namespace, int accepted, int failed);

    [LoggerMessage(EventId = 8111, Level = LogLevel.Information, Message = "Events request to namespace {Namespace} refused: {Type}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string @namespace, EventBridgeErrorType? type, string? reason);

    [LoggerMessage(EventId = 8112, Level = LogLevel.Error, Message = "{Count} events posted to namespace {Namespace} could not be recorded")]
    private static partial void LogPublishFailed(ILogger logger, string @namespace, int count, Exception exception);
}
