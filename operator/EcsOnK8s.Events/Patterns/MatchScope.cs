using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// One event's property lookups, remembered by field path while it is matched against many rules: every rule with a
/// <c>source</c>, <c>detail</c> or <c>detail.lastStatus</c> condition reads the same element, and an object's lookup
/// is a scan of its properties. A scope belongs to one thread (one per thread, reused; nothing allocated per event).
/// </summary>
internal sealed class MatchScope
{
    [ThreadStatic]
    private static MatchScope? _current;

    private JsonElement[] _values = new JsonElement[64];
    private bool[] _found = new bool[64];
    private int[] _stamps = new int[64];
    private int _generation;

    /// <summary>This thread's scope, started for a new event.</summary>
    public static MatchScope Begin()
    {
        var scope = _current ??= new MatchScope();
        if (++scope._generation == int.MaxValue)
        {
            Array.Clear(scope._stamps);
            scope._generation = 1;
        }

        return scope;
    }

    public bool TryGetProperty(int pathId, JsonElement parent, ReadOnlySpan<byte> name, out JsonElement value)
    {
        if (pathId >= _stamps.Length)
        {
            Grow(Math.Max(pathId + 1, FieldPaths.Count));
        }

        if (_stamps[pathId] == _generation)
        {
            value = _values[pathId];
            return _found[pathId];
        }

        var found = parent.TryGetProperty(name, out value);
        _stamps[pathId] = _generation;
        _values[pathId] = value;
        _found[pathId] = found;
        return found;
    }

    private void Grow(int size)
    {
        size = Math.Max(size, _stamps.Length * 2);
        Array.Resize(ref _values, size);
        Array.Resize(ref _found, size);
        Array.Resize(ref _stamps, size);
    }
}
