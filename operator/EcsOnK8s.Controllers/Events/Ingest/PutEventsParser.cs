using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>
/// Reads EventBridge's PutEvents request, <c>{"Entries":[{"Source","DetailType","Detail","Resources","Time"}]}</c>
/// (field names as the API spells them; EventBusName and TraceHeader are accepted and ignored: the URL's
/// namespace is the bus). A body that is not that JSON, more than ten entries or an entry over 256 KB refuses the
/// whole request; a missing field or a Detail that is not a JSON object refuses only its entry.
/// </summary>
public static class PutEventsParser
{
    private const int TimeBytes = 14;

    private static readonly JsonDocumentOptions _documentOptions = new() { MaxDepth = IngestLimits.MaxDepth };

    private static readonly JsonNodeOptions _nodeOptions = new() { PropertyNameCaseInsensitive = false };

    /// <param name="body">The request body, already bounded by <see cref="IngestLimits.MaxRequestBytes"/>.</param>
    /// <param name="settings">The account and region the events carry.</param>
    /// <param name="now">The time of entries without Time.</param>
    /// <param name="newId">A new event id (a UUID) per accepted entry.</param>
    public static IngestParseResult Parse(ReadOnlyMemory<byte> body, EcsEventSettings settings, DateTimeOffset now, Func<string> newId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(newId);
        // The JSON reader checks the UTF-8 of strings only when they are read, far from here: check it all first.
        if (!Utf8.IsValid(body.Span))
        {
            return IngestParseResult.Refuse(EventBridgeErrorType.SerializationException, "The body is not valid UTF-8.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span, _nodeOptions, _documentOptions);
        }
        catch (JsonException e)
        {
            return IngestParseResult.Refuse(EventBridgeErrorType.SerializationException, $"The body is not valid JSON: {FirstSentence(e.Message)}");
        }

        if (root is not JsonObject request)
        {
            return IngestParseResult.Refuse(EventBridgeErrorType.SerializationException, "The body must be a JSON object with Entries.");
        }

        if (request["Entries"] is not JsonArray entries)
        {
            return IngestParseResult.Refuse(
                EventBridgeErrorType.SerializationException,
                request.ContainsKey("Entries") ? "Entries must be a list of entries." : "Entries is required.");
        }

        if (entries.Count is 0 or > IngestLimits.MaxEntries)
        {
            return IngestParseResult.Refuse(
                EventBridgeErrorType.ValidationException,
                $"1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and {IngestLimits.MaxEntries} (it has {entries.Count}).");
        }

        var parsed = new List<IngestEntry>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry)
            {
                return IngestParseResult.Refuse(EventBridgeErrorType.SerializationException, $"Entries[{i}] must be an object.");
            }

            if (TypeError(entry, i) is { } typeError)
            {
                return IngestParseResult.Refuse(EventBridgeErrorType.SerializationException, typeError);
            }

            var size = SizeOf(entry);
            if (size > IngestLimits.MaxEntryBytes)
            {
                return IngestParseResult.Refuse(
                    EventBridgeErrorType.ValidationException,
                    $"Entries[{i}] is {size} bytes; an entry may be at most {IngestLimits.MaxEntryBytes} bytes (Source, DetailType, Detail and Resources in UTF-8, plus 14 for Time).");
            }

            parsed.Add(ParseEntry(entry, settings, now, newId));
        }

        return new IngestParseResult(parsed, null);
    }

    /// <summary>The JSON reader's message up to its first sentence (it goes on about positions and paths).</summary>
    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static string? TypeError(JsonObject entry, int index)
    {
        foreach (var name in (string[])["Source", "DetailType", "Detail", "EventBusName", "TraceHeader"])
        {
            if (entry[name] is { } value && value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"Entries[{index}].{name} must be a string.";
            }
        }

        if (entry["Time"] is { } time && time.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
        {
            return $"Entries[{index}].Time must be a timestamp (seconds since the epoch, or an ISO 8601 string).";
        }

        if (entry["Resources"] is { } resources
            && (resources is not JsonArray list || list.Any(r => r?.GetValueKind() != JsonValueKind.String)))
        {
            return $"Entries[{index}].Resources must be a list of strings.";
        }

        return null;
    }

    private static long SizeOf(JsonObject entry)
    {
        long size = entry["Time"] is not null ? TimeBytes : 0;
        foreach (var name in (string[])["Source", "DetailType", "Detail"])
        {
            size += Encoding.UTF8.GetByteCount(entry[name]?.GetValue<string>() ?? string.Empty);
        }

        foreach (var resource in entry["Resources"]?.AsArray() ?? [])
        {
            size += Encoding.UTF8.GetByteCount(resource!.GetValue<string>());
        }

        return size;
    }

    private static IngestEntry ParseEntry(JsonObject entry, EcsEventSettings settings, DateTimeOffset now, Func<string> newId)
    {
        var source = entry["Source"]?.GetValue<string>();
        var detailType = entry["DetailType"]?.GetValue<string>();
        var detailText = entry["Detail"]?.GetValue<string>();
        foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)[("Source", source), ("DetailType", detailType), ("Detail", detailText)])
        {
            if (string.IsNullOrEmpty(value))
            {
                return IngestEntry.Refused(IngestEntry.InvalidArgument, $"Parameter {name} is not valid. Reason: {name} is a required argument.");
            }
        }

        JsonObject detail;
        try
        {
            if (JsonNode.Parse(detailText!, _nodeOptions, _documentOptions) is not JsonObject parsedDetail)
            {
                return IngestEntry.Refused(IngestEntry.MalformedDetail, "Detail is malformed: it must be a JSON object.");
            }

            detail = parsedDetail;
        }
        catch (JsonException e)
        {
            return IngestEntry.Refused(IngestEntry.MalformedDetail, $"Detail is malformed: {FirstSentence(e.Message)}");
        }

        var time = now;
        if (entry["Time"] is { } timeNode && !TryReadTime(timeNode, out time))
        {
            return IngestEntry.Refused(IngestEntry.InvalidArgument, $"Parameter Time is not valid. Reason: '{timeNode.ToJsonString()}' is neither seconds since the epoch nor an ISO 8601 time.");
        }

        return new IngestEntry(new AwsEvent
        {
            Id = newId(),
            Source = source!,
            DetailType = detailType!,
            Account = settings.Account,
            Region = settings.Region,
            Time = time,
            Resources = [.. (entry["Resources"]?.AsArray() ?? []).Select(r => r!.GetValue<string>())],
            Detail = detail,
        });
    }

    private static bool TryReadTime(JsonNode node, out DateTimeOffset time)
    {
        time = default;
        if (node.GetValueKind() == JsonValueKind.Number)
        {
            // The AWS JSON protocol sends timestamps as seconds since the epoch.
            var seconds = node.GetValue<double>();
            if (!double.IsFinite(seconds) || seconds < 0 || seconds > 253402300799)
            {
                return false;
            }

            time = DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));
            return true;
        }

        return DateTimeOffset.TryParse(
            node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
