using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// A posted event accepted for one rule and kept in a ConfigMap until every target is done with it: data
/// <c>event</c> (the event in EventBridge's JSON), <c>targets</c> (the ids still due, comma-separated) and
/// <c>ingestedAt</c> (when it was accepted: its age starts there). Pure encoding.
/// </summary>
public static class PendingEvent
{
    public const string NamePrefix = "ecsonk8s-event-";
    public const string EventKey = "event";
    public const string TargetsKey = "targets";
    public const string IngestedAtKey = "ingestedAt";

    /// <summary>One name per (rule, event id): accepting the same event twice writes the same ConfigMap once.</summary>
    public static string NameOf(string ruleUid, string eventId) =>
        NamePrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ruleUid + "\n" + eventId)))[..40];

    public static Dictionary<string, string> Encode(AwsEvent @event, IEnumerable<string> targetIds, DateTimeOffset ingestedAt)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EventKey] = @event.ToJson().ToJsonString(),
            [TargetsKey] = string.Join(',', targetIds),
            [IngestedAtKey] = ingestedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The event, the targets still due and the ingestion time; null when the data is not what <see cref="Encode"/> writes.</summary>
    public static (AwsEvent Event, IReadOnlyList<string> Targets, DateTimeOffset IngestedAt)? Decode(IDictionary<string, string>? data)
    {
        if (data is null || !data.TryGetValue(EventKey, out var text) || !data.TryGetValue(TargetsKey, out var targets)
            || !data.TryGetValue(IngestedAtKey, out var ingested)
            || !DateTimeOffset.TryParse(ingested, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ingestedAt))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject json || ParseEvent(json) is not { } @event)
            {
                return null;
            }

            return (@event, targets.Split(',', StringSplitOptions.RemoveEmptyEntries), ingestedAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An event from EventBridge's JSON envelope; null when a required field is missing.</summary>
    public static AwsEvent? ParseEvent(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        string? Text(string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        if (Text("id") is not { } id || Text("detail-type") is not { } detailType || Text("source") is not { } source
            || !DateTimeOffset.TryParse(Text("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }

        return new AwsEvent
        {
            Id = id,
            DetailType = detailType,
            Source = source,
            Account = Text("account") ?? string.Empty,
            Region = Text("region") ?? string.Empty,
            Time = time,
            Resources = json["resources"] is JsonArray resources ? [.. resources.Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty)] : [],
            Detail = json["detail"] is JsonObject detail ? (JsonObject)detail.DeepClone() : [],
        };
    }
}
