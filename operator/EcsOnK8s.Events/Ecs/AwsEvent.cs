using System.Globalization;
using System.Text.Json.Nodes;

namespace EcsOnK8s.Events.Ecs;

/// <summary>
/// An event in EventBridge's envelope (version "0", id, detail-type, source, account, time, region, resources,
/// detail), as targets and event patterns see it.
/// </summary>
public sealed record AwsEvent
{
    /// <summary>The envelope's version: always "0" (a resource's own version is in the detail).</summary>
    public const string EnvelopeVersion = "0";

    public required string Id { get; init; }

    public required string DetailType { get; init; }

    public required string Source { get; init; }

    public required string Account { get; init; }

    /// <summary>When the event happened; written to the second, in UTC, as AWS does.</summary>
    public required DateTimeOffset Time { get; init; }

    public required string Region { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];

    public JsonObject Detail { get; init; } = [];

    /// <summary>The event as JSON with AWS's field names and order; the detail is copied.</summary>
    public JsonObject ToJson()
    {
        var resources = new JsonArray();
        foreach (var resource in Resources)
        {
            resources.Add(resource);
        }

        return new JsonObject
        {
            ["version"] = EnvelopeVersion,
            ["id"] = Id,
            ["detail-type"] = DetailType,
            ["source"] = Source,
            ["account"] = Account,
            ["time"] = FormatTime(Time),
            ["region"] = Region,
            ["resources"] = resources,
            ["detail"] = Detail.DeepClone(),
        };
    }

    /// <summary>The envelope's time format: ISO 8601 UTC to the second (2020-01-23T17:57:58Z).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The detail's time format: ISO 8601 UTC to the millisecond (2020-01-23T17:57:34.402Z).</summary>
    public static string FormatDetailTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
