using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace EcsOnK8s.Translation.Report;

/// <summary>
/// Accounts for every input path: Mapped, Approximated, Ignored or Rejected, with a reason. A plain accumulator:
/// callers record whole input paths (<c>taskDefinition.containerDefinitions[0].image</c> for a workload), and entries
/// come out in a deterministic order (by path, ordinal) whatever order the renderer added them in.
/// </summary>
public sealed class TranslationReport
{
    // A render adds every path once or twice and reads the entries at the end: a hash map sorted once on the first
    // read is much cheaper than keeping a tree in order on every add.
    private readonly Dictionary<string, ReportEntry> _entries;
    private Dictionary<(string Kind, string Name), string>? _origins;
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
    public void Add(string path, Disposition disposition, string reason = "") =>
        Add(path, disposition, reason, disposition == Disposition.Rejected ? RejectionKind.Unsupported : RejectionKind.None);

    /// <summary>Records a rejected path with the kind of its rejection (see <see cref="Add(string, Disposition, string)"/>).</summary>
    internal void Add(string path, Disposition disposition, string reason, RejectionKind rejection)
    {
        ArgumentNullException.ThrowIfNull(path);
        // One hash lookup whether the path is new or not.
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, path, out _);
        if (slot is { } existing)
        {
            if (Severity(existing.Disposition) >= Severity(disposition))
            {
                return;
            }

            _rejections -= existing.Disposition == Disposition.Rejected ? 1 : 0;
        }

        slot = new ReportEntry(path, disposition, reason) { Rejection = rejection };
        _rejections += disposition == Disposition.Rejected ? 1 : 0;
        _sorted = null;
    }

    public void Mapped(string path, string reason = "") => Add(path, Disposition.Mapped, reason);

    public void Approximated(string path, string reason) => Add(path, Disposition.Approximated, reason);

    public void Ignored(string path, string reason) => Add(path, Disposition.Ignored, reason);

    public void Rejected(string path, string reason) => Add(path, Disposition.Rejected, reason);

    /// <summary>Records a path the EcsCluster's policy refuses (a rejection of kind <see cref="RejectionKind.Policy"/>).</summary>
    public void Refused(string path, string reason) => Add(path, Disposition.Rejected, reason, RejectionKind.Policy);

    /// <summary>
    /// Records every leaf path below <paramref name="path"/> of <paramref name="value"/> (an object the report names
    /// as a whole, such as a volume refused with everything in it) with one disposition.
    /// </summary>
    internal void AddLeaves(object value, string path, Disposition disposition, string reason, RejectionKind rejection)
    {
        foreach (var leaf in ReportCoverage.LeafPaths(value, path))
        {
            Add(leaf, disposition, reason, rejection);
        }
    }

    /// <summary>
    /// The leaf paths of <paramref name="value"/>, walked under <paramref name="root"/> (a path without a final
    /// '.', empty for the input itself), that this report does not name.
    /// </summary>
    internal IReadOnlyList<string> Unreported(object value, string root) => ReportCoverage.Missing(value, this, root);

    /// <summary>
    /// Records that the input field at <paramref name="path"/> named the rendered <paramref name="kind"/>
    /// <paramref name="name"/> (a task role its ServiceAccount), so that a refusal found later, on the cluster,
    /// can name the field.
    /// </summary>
    internal void Origin(string kind, string name, string path) => (_origins ??= [])[(kind, name)] = path;

    /// <summary>The input path of the field that named a rendered object, or null when none did.</summary>
    public string? OriginOf(string kind, string name) => _origins?.GetValueOrDefault((kind, name));

    public int Count(Disposition disposition) => _entries.Values.Count(e => e.Disposition == disposition);

    /// <summary>True when the report names <paramref name="path"/> (no string needed: the coverage walk asks per leaf).</summary>
    internal bool Contains(ReadOnlySpan<char> path) => _entries.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(path);

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
