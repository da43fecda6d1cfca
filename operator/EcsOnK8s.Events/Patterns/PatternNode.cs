using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>A pattern object: every field must match (AND), and of each <c>$or</c> one alternative.</summary>
internal sealed class PatternNode
{
    public PatternNode(FieldCondition[] fields, PatternNode[][] orGroups)
    {
        Fields = fields;
        OrGroups = orGroups;
        MatchesAbsent = fields.All(f => f.MatchesAbsent) && orGroups.All(g => g.Any(a => a.MatchesAbsent));
    }

    public FieldCondition[] Fields { get; }

    public PatternNode[][] OrGroups { get; }

    /// <summary>Whether the pattern holds when the event has nothing at this path (only <c>exists: false</c> inside).</summary>
    public bool MatchesAbsent { get; }

    public bool Matches(JsonElement eventObject, MatchScope? scope)
    {
        foreach (var field in Fields)
        {
            if (!field.Matches(eventObject, scope))
            {
                return false;
            }
        }

        foreach (var group in OrGroups)
        {
            var any = false;
            foreach (var alternative in group)
            {
                if (alternative.Matches(eventObject, scope))
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                return false;
            }
        }

        return true;
    }
}
