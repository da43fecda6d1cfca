using EcsOnK8s.Translation.Naming;

namespace EcsOnK8s.Translation.Pods;

/// <summary>
/// Hands out unique names in one scope (container names of a pod, volume names, port names): the first asker gets
/// the name, later ones get <c>-2</c>, <c>-3</c>... within the length limit. Deterministic for a given order of
/// requests.
/// </summary>
public sealed class NameAllocator
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly int _maxLength;

    public NameAllocator(int maxLength = KubeNames.MaxLabelLength) => _maxLength = maxLength;

    /// <summary>Reserves <paramref name="name"/> (already valid) or the first free variant of it.</summary>
    public string Allocate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_used.Add(name))
        {
            return name;
        }

        for (var i = 2; ; i++)
        {
            var suffix = "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stem = name.Length + suffix.Length > _maxLength ? name[..(_maxLength - suffix.Length)].TrimEnd('-') : name;
            var candidate = stem + suffix;
            if (_used.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
