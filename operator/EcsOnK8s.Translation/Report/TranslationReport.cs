namespace EcsOnK8s.Translation.Report;

/// <summary>
/// Accounts for every input path: Mapped, Approximated, Ignored or Rejected, with a reason. Entries come out in a
/// deterministic order (by path, ordinal) whatever order the renderer added them in.
/// </summary>
public sealed class TranslationReport
{
    private readonly SortedDictionary<string, ReportEntry> _entries = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ReportEntry> Entries => _entries.Values;

    public bool HasRejections => _entries.Values.Any(e => e.Disposition == Disposition.Rejected);

    public IEnumerable<ReportEntry> Rejections => _entries.Values.Where(e => e.Disposition == Disposition.Rejected);

    /// <summary>Records a path. A later, more severe disposition for the same path wins (Rejected over the rest).</summary>
    public void Add(string path, Disposition disposition, string reason = "")
    {
        if (_entries.TryGetValue(path, out var existing) && Severity(existing.Disposition) >= Severity(disposition))
        {
            return;
        }

        _entries[path] = new ReportEntry(path, disposition, reason);
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
        foreach (var entry in other.Entries)
        {
            Add(prefix + entry.Path, entry.Disposition, entry.Reason);
        }
    }

    public int Count(Disposition disposition) => _entries.Values.Count(e => e.Disposition == disposition);

    private static int Severity(Disposition d) => d switch
    {
        Disposition.Mapped => 0,
        Disposition.Ignored => 1,
        Disposition.Approximated => 2,
        _ => 3,
    };
}
