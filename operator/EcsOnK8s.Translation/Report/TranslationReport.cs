using System.Collections.ObjectModel;

namespace EcsOnK8s.Translation.Report;

/// <summary>
/// Accounts for every input path: Mapped, Approximated, Ignored or Rejected, with a reason. Entries come out in a
/// deterministic order (by path, ordinal) whatever order the renderer added them in.
/// </summary>
public sealed class TranslationReport
{
    // A render adds every path once or twice and reads the entries at the end: a hash map sorted once on the first
    // read is much cheaper than keeping a tree in order on every add.
    private readonly Dictionary<string, ReportEntry> _entries;
    private ReadOnlyCollection<ReportEntry>? _sorted;
    private int _rejections;

    public TranslationReport()
        : this(32)
    {
    }

    /// <summary>A report sized for about <paramref name="capacity"/> paths (a whole render has about a hundred).</summary>
    internal TranslationReport(int capacity)
    {
        _entries = new Dictionary<string, ReportEntry>(capacity, StringComparer.Ordinal);
    }

    /// <summary>The entries, by path (ordinal).</summary>
    public IReadOnlyCollection<ReportEntry> Entries => _sorted ??= Sort(_entries.Values);

    public bool HasRejections => _rejections > 0;

    public IEnumerable<ReportEntry> Rejections => Entries.Where(e => e.Disposition == Disposition.Rejected);

    /// <summary>Records a path. A later, more severe disposition for the same path wins (Rejected over the rest).</summary>
    public void Add(string path, Disposition disposition, string reason = "")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_entries.TryGetValue(path, out var existing))
        {
            if (Severity(existing.Disposition) >= Severity(disposition))
            {
                return;
            }

            _rejections -= existing.Disposition == Disposition.Rejected ? 1 : 0;
        }

        _entries[path] = new ReportEntry(path, disposition, reason);
        _rejections += disposition == Disposition.Rejected ? 1 : 0;
        _sorted = null;
    }

    public void Mapped(string path, string reason = "") => Add(path, Disposition.Mapped, reason);

    public void Approximated(string path, string reason) => Add(path, Disposition.Approximated, reason);

    public void Ignored(string path, string reason) => Add(path, Disposition.Ignored, reason);

    public void Rejected(string path, string reason) => Add(path, Disposition.Rejected, reason);

    /// <summary>
    /// Adds every entry of <paramref name="other"/> under <paramref name="prefix"/> (e.g. "taskDefinition."), so a
    /// part rendered against its own report shows up with the path of the whole input.
    /// </summary>
    public void Merge(string prefix, TranslationReport other)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(other);
        // Paths are distinct, so the order of the adds cannot change the outcome: no need to sort first.
        foreach (var entry in other._entries.Values)
        {
            Add(prefix + entry.Path, entry.Disposition, entry.Reason);
        }
    }

    public int Count(Disposition disposition) => _entries.Values.Count(e => e.Disposition == disposition);

    /// <summary>True when the report names <paramref name="path"/> (no string needed: the coverage walk asks per leaf).</summary>
    internal bool Contains(ReadOnlySpan<char> path) => _entries.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(path);

    /// <summary>The entries in no particular order, for callers that re-file each one anyway.</summary>
    internal IEnumerable<ReportEntry> UnorderedEntries => _entries.Values;

    private static ReadOnlyCollection<ReportEntry> Sort(Dictionary<string, ReportEntry>.ValueCollection values)
    {
        var sorted = new ReportEntry[values.Count];
        values.CopyTo(sorted, 0);
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new ReadOnlyCollection<ReportEntry>(sorted);
    }

    private static int Severity(Disposition d) => d switch
    {
        Disposition.Mapped => 0,
        Disposition.Ignored => 1,
        Disposition.Approximated => 2,
        _ => 3,
    };
}
