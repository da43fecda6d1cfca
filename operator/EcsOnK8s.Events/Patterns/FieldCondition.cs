using System.Text;
using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>One field of a pattern object: a nested object pattern or a value list.</summary>
internal sealed class FieldCondition
{
    private readonly byte[] _utf8Name;

    public FieldCondition(string name, int pathId, PatternNode? nested, LeafCondition? leaf)
    {
        Name = name;
        PathId = pathId;
        _utf8Name = Encoding.UTF8.GetBytes(name);
        Nested = nested;
        Leaf = leaf;
    }

    public string Name { get; }

    /// <summary>The <see cref="FieldPaths"/> id of this field reached through objects from the event's root.</summary>
    public int PathId { get; }

    public PatternNode? Nested { get; }

    public LeafCondition? Leaf { get; }

    public bool MatchesAbsent => Nested?.MatchesAbsent ?? Leaf!.MatchesAbsent;

    /// <summary>
    /// Matches the field of <paramref name="eventObject"/>; <paramref name="scope"/> is given when that object was
    /// reached from the root through objects only, so the lookup can be shared with other rules.
    /// </summary>
    public bool Matches(JsonElement eventObject, MatchScope? scope)
    {
        var found = scope is null
            ? eventObject.TryGetProperty(_utf8Name, out var value)
            : scope.TryGetProperty(PathId, eventObject, _utf8Name, out value);
        if (!found)
        {
            return MatchesAbsent;
        }

        if (Nested is null)
        {
            return Leaf!.Matches(value);
        }

        return value.ValueKind == JsonValueKind.Object ? Nested.Matches(value, scope) : MatchesNested(Nested, value);
    }

    /// <summary>
    /// An object pattern against the event's value: an object is matched field by field; an array when one of its
    /// objects matches as a whole (fields of one pattern object never combine across array elements); anything
    /// else holds no leaf under this path, which only absence-tolerant patterns (<c>exists: false</c>) accept.
    /// </summary>
    private static bool MatchesNested(PatternNode nested, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                // Inside an array the path names many elements: no sharing.
                return nested.Matches(value, null);
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (MatchesNested(nested, item))
                    {
                        return true;
                    }
                }

                return value.GetArrayLength() == 0 && nested.MatchesAbsent;
            default:
                return nested.MatchesAbsent;
        }
    }
}
