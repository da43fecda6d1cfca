using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// A field's value list (OR). The event's value is flattened as EventBridge does: an array matches when one of its
/// leaves does; a field with no leaf (missing, an object, an empty array) satisfies only <c>exists: false</c>.
/// </summary>
internal sealed class LeafCondition(ValueMatcher[] matchers, bool existsTrue, bool existsFalse)
{
    /// <summary>Exact string values when the list holds nothing else (what a rule index can key on).</summary>
    public IReadOnlyList<string>? ExactStrings { get; } =
        !existsTrue && !existsFalse && matchers.All(m => m is ExactStringMatcher)
            ? matchers.Cast<ExactStringMatcher>().Select(m => m.Text).ToArray()
            : null;

    public bool MatchesAbsent => existsFalse;

    public bool Matches(JsonElement value) => MatchesLeaves(value, out var sawLeaf) || (!sawLeaf && existsFalse);

    private bool MatchesLeaves(JsonElement value, out bool sawLeaf)
    {
        sawLeaf = false;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return false;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (MatchesLeaves(item, out var itemLeaf))
                    {
                        sawLeaf = true;
                        return true;
                    }

                    sawLeaf |= itemLeaf;
                }

                return false;
            default:
                sawLeaf = true;
                if (existsTrue)
                {
                    return true;
                }

                var leaf = LeafValue.From(value);
                foreach (var matcher in matchers)
                {
                    if (matcher.Matches(leaf))
                    {
                        return true;
                    }
                }

                return false;
        }
    }
}
