using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// An EventBridge event pattern, parsed once and matched against many events: exact values (strings, numbers by
/// value, booleans, null, the empty string; OR within a list, AND across fields), <c>prefix</c>, <c>suffix</c>,
/// <c>equals-ignore-case</c> (alone and inside <c>prefix</c>, <c>suffix</c>, <c>anything-but</c>),
/// <c>anything-but</c> (value, list, prefix, suffix, wildcard), <c>numeric</c>, <c>exists</c>, <c>cidr</c> (IPv4
/// and IPv6), <c>wildcard</c>, nested <c>$or</c> and nested objects. A pattern field matches an array in the event
/// when one of its elements matches. Immutable and safe to share between threads.
/// </summary>
public sealed class EventPattern
{
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 64 };

    private readonly PatternNode _root;

    private EventPattern(PatternNode root, string json)
    {
        _root = root;
        Json = json;
    }

    /// <summary>The pattern's JSON text as given.</summary>
    public string Json { get; }

    /// <summary>
    /// The exact string values the pattern requires of the top-level field <paramref name="name"/> (e.g. <c>source</c>),
    /// or null when the field is not required to be one of a list of strings. An event whose field is none of them
    /// cannot match; a rule index keys on this.
    /// </summary>
    public IReadOnlyList<string>? RequiredExactValues(string name) =>
        _root.Fields.FirstOrDefault(f => f.Name == name)?.Leaf?.ExactStrings;

    /// <summary>Parses <paramref name="json"/>; an invalid pattern gives the JSON path and the reason, never an exception.</summary>
    public static EventPatternResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException e)
        {
            return new EventPatternResult(null, new EventPatternError("$", $"not valid JSON: {e.Message}"));
        }

        using (document)
        {
            try
            {
                return new EventPatternResult(new EventPattern(EventPatternParser.ParseRoot(document.RootElement), json), null);
            }
            catch (PatternRefused refused)
            {
                return new EventPatternResult(null, refused.Error);
            }
        }
    }

    /// <summary>Parses a pattern held as a JSON node (e.g. an object in a custom resource's spec).</summary>
    public static EventPatternResult Parse(JsonNode? pattern) =>
        pattern is null
            ? new EventPatternResult(null, new EventPatternError("$", "must be a JSON object, not null"))
            : Parse(pattern.ToJsonString());

    /// <summary>
    /// Whether <paramref name="event"/> matches. An event that is not a JSON object matches nothing. Allocates
    /// nothing for the usual event (strings without escapes, ASCII for the ignore-case operators, IPv4 for cidr).
    /// </summary>
    public bool Matches(JsonElement @event) => @event.ValueKind == JsonValueKind.Object && _root.Matches(@event, MatchScope.Begin());

    /// <summary>
    /// The pattern less the top-level fields named (an index that has already checked them for this event): the
    /// rest still has to match, within a scope begun for the event.
    /// </summary>
    internal bool Matches(JsonElement @event, MatchScope scope) => _root.Matches(@event, scope);

    internal PatternNode Without(string first, string? second = null) =>
        new(_root.Fields.Where(f => f.Name != first && f.Name != second).ToArray(), _root.OrGroups);

    public bool Matches(JsonDocument @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return Matches(@event.RootElement);
    }

    public override string ToString() => Json;
}
