using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>
/// Reads CloudEvents 1.0 over HTTP, with the CloudNative.CloudEvents SDK: structured mode
/// (<c>application/cloudevents+json</c>), batch mode (<c>application/cloudevents-batch+json</c>, up to ten) and
/// binary mode (<c>ce-*</c> headers, the body the data). Each becomes an event in EventBridge's envelope: id kept,
/// source as source, type as detail-type, subject (when set) as the one resource, time (or now), data as detail.
/// Data that is a JSON object is the detail; other JSON becomes <c>{"data": value}</c>, text
/// <c>{"data": "text"}</c>, binary <c>{"data_base64": "..."}</c> (EventBridge's detail is always an object).
/// Extension attributes are not carried. Any invalid event refuses the request.
/// </summary>
public static class CloudEventsParser
{
    public const string StructuredMediaType = "application/cloudevents+json";
    public const string BatchMediaType = "application/cloudevents-batch+json";

    private static readonly JsonEventFormatter _formatter =
        new(new JsonSerializerOptions(), new JsonDocumentOptions { MaxDepth = IngestLimits.MaxDepth });

    /// <param name="contentType">The request's Content-Type.</param>
    /// <param name="headers">The request's headers (the ce-* ones are read in binary mode).</param>
    /// <param name="body">The request body, already bounded by <see cref="IngestLimits.MaxRequestBytes"/>.</param>
    /// <param name="settings">The account and region the events carry.</param>
    /// <param name="now">The time of events without one.</param>
    public static IngestParseResult Parse(
        string? contentType, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, EcsEventSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<CloudEvent> events;
        try
        {
            var type = contentType is null ? null : new ContentType(contentType);
            var media = type?.MediaType.ToLowerInvariant();
            if (media == StructuredMediaType)
            {
                events = [_formatter.DecodeStructuredModeMessage(body, type, null)];
            }
            else if (media == BatchMediaType)
            {
                events = _formatter.DecodeBatchModeMessage(body, type, null);
            }
            else if (Header(headers, HttpUtilities.SpecVersionHttpHeader) is { } specVersion)
            {
                events = [DecodeBinary(specVersion, contentType, headers, body)];
            }
            else
            {
                return IngestParseResult.Refuse(
                    EventBridgeErrorType.ValidationException,
                    $"Not a CloudEvent: send {StructuredMediaType}, {BatchMediaType}, or binary mode with a ce-specversion header.");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException or InvalidOperationException or NotSupportedException)
        {
            return IngestParseResult.Refuse(EventBridgeErrorType.ValidationException, $"Not a valid CloudEvent: {PutEventsParser.FirstSentence(e.Message)}");
        }

        if (events.Count is 0 or > IngestLimits.MaxEntries)
        {
            return IngestParseResult.Refuse(
                EventBridgeErrorType.ValidationException, $"A batch carries 1 to {IngestLimits.MaxEntries} events (it has {events.Count}).");
        }

        var entries = new List<IngestEntry>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var cloudEvent = events[i];
            if (!cloudEvent.IsValid)
            {
                var missing = cloudEvent.SpecVersion.RequiredAttributes.Where(a => cloudEvent[a] is null).Select(a => a.Name);
                return IngestParseResult.Refuse(
                    EventBridgeErrorType.ValidationException, $"CloudEvent {i} lacks required attributes: {string.Join(", ", missing)}.");
            }

            AwsEvent awsEvent;
            try
            {
                awsEvent = ToAwsEvent(cloudEvent, settings, now);
            }
            catch (InvalidOperationException e)
            {
                // JSON data whose strings are not valid UTF-8 fails only when they are read.
                return IngestParseResult.Refuse(EventBridgeErrorType.ValidationException, $"CloudEvent {i} has unreadable data: {PutEventsParser.FirstSentence(e.Message)}");
            }

            var size = SizeOf(awsEvent, cloudEvent.Time is not null);
            if (size > IngestLimits.MaxEntryBytes)
            {
                return IngestParseResult.Refuse(
                    EventBridgeErrorType.ValidationException,
                    $"CloudEvent {i} ({cloudEvent.Id}) is {size} bytes as an EventBridge entry; at most {IngestLimits.MaxEntryBytes} are allowed.");
            }

            entries.Add(new IngestEntry(awsEvent));
        }

        return new IngestParseResult(entries, null);
    }

    private static CloudEvent DecodeBinary(
        string specVersionText, string? contentType, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        var version = CloudEventsSpecVersion.FromVersionId(HttpUtilities.DecodeHeaderValue(specVersionText))
            ?? throw new NotSupportedException($"ce-specversion '{specVersionText}' is not a CloudEvents version this endpoint reads (1.0).");
        var cloudEvent = new CloudEvent(version);
        foreach (var (name, value) in headers)
        {
            if (HttpUtilities.GetAttributeNameFromHeaderName(name) is { } attribute && attribute != CloudEventsSpecVersion.SpecVersionAttribute.Name)
            {
                cloudEvent.SetAttributeFromString(attribute, HttpUtilities.DecodeHeaderValue(value));
            }
        }

        if (contentType is not null)
        {
            cloudEvent.DataContentType = contentType;
        }

        if (!body.IsEmpty)
        {
            _formatter.DecodeBinaryModeEventData(body, cloudEvent);
        }

        return cloudEvent;
    }

    private static AwsEvent ToAwsEvent(CloudEvent cloudEvent, EcsEventSettings settings, DateTimeOffset now) => new()
    {
        Id = cloudEvent.Id!,
        Source = cloudEvent.Source!.OriginalString,
        DetailType = cloudEvent.Type!,
        Account = settings.Account,
        Region = settings.Region,
        Time = cloudEvent.Time ?? now,
        Resources = cloudEvent.Subject is { Length: > 0 } subject ? [subject] : [],
        Detail = DetailOf(cloudEvent.Data),
    };

    private static JsonObject DetailOf(object? data) => data switch
    {
        null => [],
        JsonElement { ValueKind: JsonValueKind.Object } element => JsonObject.Create(element)!.DeepClone().AsObject(),
        JsonElement element => new JsonObject { ["data"] = JsonNode.Parse(element.GetRawText()) },
        string text => new JsonObject { ["data"] = text },
        byte[] bytes => new JsonObject { ["data_base64"] = Convert.ToBase64String(bytes) },
        _ => new JsonObject { ["data"] = data.ToString() },
    };

    private static long SizeOf(AwsEvent awsEvent, bool hasTime) =>
        (hasTime ? 14 : 0)
        + Encoding.UTF8.GetByteCount(awsEvent.Source)
        + Encoding.UTF8.GetByteCount(awsEvent.DetailType)
        + Encoding.UTF8.GetByteCount(awsEvent.Detail.ToJsonString())
        + awsEvent.Resources.Sum(r => (long)Encoding.UTF8.GetByteCount(r));

    private static string? Header(IEnumerable<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
