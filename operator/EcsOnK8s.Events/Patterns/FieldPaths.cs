using System.Collections.Concurrent;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// Numbers every field path that patterns reach through objects only (no array in between), across all patterns,
/// so that a <see cref="MatchScope"/> can remember one event's lookups by number and share them between rules.
/// Grows with the distinct paths users write, which is small.
/// </summary>
internal static class FieldPaths
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static int Count => Ids.Count;

    /// <summary>The id of <paramref name="name"/> under <paramref name="parent"/>, and the child's path key.</summary>
    public static (int Id, string Key) Intern(string parent, string name)
    {
        // Length-prefixed so that no field name, whatever it holds, can make two paths look alike.
        var key = $"{parent}/{name.Length}:{name}";
        if (Ids.TryGetValue(key, out var id))
        {
            return (id, key);
        }

        lock (Gate)
        {
            return (Ids.GetOrAdd(key, Ids.Count), key);
        }
    }
}
