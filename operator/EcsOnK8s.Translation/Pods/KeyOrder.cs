namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// Label and annotation maps whose enumeration order is key order (ordinal). A <see cref="Dictionary{TKey,TValue}"/>
/// filled in key order and never removed from enumerates in that order, so it serialises exactly as a sorted one,
/// without the nodes, comparer and enumerator stacks a sorted tree allocates on every copy. The catch: a key added
/// later lands at the end, so a map is completed first and put in order last (or built with <see cref="With"/>).
/// </summary>
internal static class KeyOrder
{
    /// <summary>A copy of <paramref name="source"/> in key order.</summary>
    public static Dictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>>? source)
    {
        // A map already in key order (every map this renderer hands on) is copied entry for entry.
        if (source is Dictionary<string, string> map && IsInKeyOrder(map))
        {
            return new Dictionary<string, string>(map, StringComparer.Ordinal);
        }

        var entries = new List<KeyValuePair<string, string>>(source ?? []);
        return Ordered(entries);
    }

    /// <summary>A copy of <paramref name="source"/> with <paramref name="key"/> set to <paramref name="value"/>, in key order.</summary>
    public static Dictionary<string, string> With(IEnumerable<KeyValuePair<string, string>>? source, string key, string value)
    {
        if (source is Dictionary<string, string> map && map.TryGetValue(key, out var current) && current == value)
        {
            return Copy(map);
        }

        var entries = new List<KeyValuePair<string, string>>(source ?? []);
        entries.RemoveAll(e => e.Key == key);
        entries.Add(KeyValuePair.Create(key, value));
        return Ordered(entries);
    }

    /// <summary>
    /// <paramref name="map"/> itself when it is in key order already, else a copy in key order: for a map this
    /// render owns and hands on as it is.
    /// </summary>
    public static Dictionary<string, string> Own(Dictionary<string, string> map) =>
        IsInKeyOrder(map) ? map : Ordered(new List<KeyValuePair<string, string>>(map));

    private static Dictionary<string, string> Ordered(List<KeyValuePair<string, string>> entries)
    {
        // Keys are distinct (they come from a map, or were made so above), so an unstable sort is deterministic.
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var ordered = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            ordered.Add(key, value);
        }

        return ordered;
    }

    private static bool IsInKeyOrder(Dictionary<string, string> map)
    {
        string? previous = null;
        foreach (var key in map.Keys)
        {
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                return false;
            }

            previous = key;
        }

        return true;
    }
}
