using System.Text;
using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>One field of a pattern object: a nested object pattern or a value list.</summary>
internal sealed class FieldCondition
{
    private readonly byte[] _utf8Name;

    public FieldCondition(string name, PatternNode? nested, LeafCondition? leaf)
    {
        Name = name;
        _utf8Name = Encoding.UTF8.GetBytes(name);
        Nested = nested;
        Leaf = leaf;
    }

    public string Name { get; }

    public PatternNode? Nested { get; }

    public LeafCondition? Leaf { get; }

    public bool MatchesAbsent => Nested?.MatchesAbsent ?? Leaf!.MatchesAbsent;

    public bool Matches(JsonElement eventObject)
    {
        if (!eventObject.TryGetProperty(_utf8Name, out var value))
        {
            return MatchesAbsent;
        }

        return Nested is null ? Leaf!.Matches(value) : MatchesNested(Nested, value);
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
                return nested.Matches(value);
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
