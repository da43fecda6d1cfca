using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

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
    private Dictionary<(string Kind, string Name), string>? _origins;
    private ReadOnlyCollection<ReportEntry>? _sorted;
    private int _rejections;

    // Set for a view (see FiledUnder): entries go to _target under _prefix, except paths at or below _exempt.
    private readonly TranslationReport? _target;
    private readonly string _prefix = string.Empty;
    private readonly string? _exempt;

    public TranslationReport()
        : this(32)
    {
    }

    /// <summary>A report sized for about <paramref name="capacity"/> paths (a whole render has about a hundred).</summary>
    internal TranslationReport(int capacity)
    {
        _entries = new Dictionary<string, ReportEntry>(capacity, StringComparer.Ordinal);
    }

    private TranslationReport(TranslationReport target, string prefix, string? exempt)
        : this(0)
    {
        _target = target;
        _prefix = prefix;
        _exempt = exempt;
        // A prefix not ending in '.' leaves the walk on relative paths, which Contains then prefixes.
        Root = prefix.EndsWith('.') ? prefix[..^1] : string.Empty;
    }

    /// <summary>The entries, by path (ordinal). A view reads its target's.</summary>
    public IReadOnlyCollection<ReportEntry> Entries => _target?.Entries ?? (_sorted ??= Sort(_entries.Values));

    public bool HasRejections => _target?.HasRejections ?? _rejections > 0;

    public IEnumerable<ReportEntry> Rejections => Entries.Where(e => e.Disposition == Disposition.Rejected);

    /// <summary>
    /// A view for a part rendered against its own paths (the pod template against the task definition's): each
    /// entry is filed in <paramref name="target"/> under <paramref name="prefix"/>, except paths at or below
    /// <paramref name="exempt"/>, which are whole-input paths already. Filing directly spares a render copying
    /// every entry of a separate report; the outcome is the same as adding each entry under the prefix afterwards.
    /// </summary>
    internal static TranslationReport FiledUnder(TranslationReport target, string prefix, string? exempt)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prefix);
        return new TranslationReport(target, prefix, exempt);
    }

    /// <summary>Records a path. A later, more severe disposition for the same path wins (Rejected over the rest).</summary>
    public void Add(string path, Disposition disposition, string reason = "") =>
        Add(path, disposition, reason, disposition == Disposition.Rejected ? RejectionKind.Unsupported : RejectionKind.None);

    /// <summary>Records a rejected path with the kind of its rejection (see <see cref="Add(string, Disposition, string)"/>).</summary>
    internal void Add(string path, Disposition disposition, string reason, RejectionKind rejection)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_target is not null)
        {
            _target.Add(IsWhole(path) ? path : _prefix + path, disposition, reason, rejection);
            return;
        }

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
    /// Records that the input field at <paramref name="path"/> named the rendered <paramref name="kind"/>
    /// <paramref name="name"/> (a task role its ServiceAccount), so that a refusal found later, on the cluster,
    /// can name the field.
    /// </summary>
    internal void Origin(string kind, string name, string path)
    {
        if (_target is not null)
        {
            _target.Origin(kind, name, Filed(path));
            return;
        }

        (_origins ??= [])[(kind, name)] = path;
    }

    /// <summary>The input path of the field that named a rendered object, or null when none did.</summary>
    public string? OriginOf(string kind, string name) =>
        _target is not null ? _target.OriginOf(kind, name) : _origins?.GetValueOrDefault((kind, name));

    public int Count(Disposition disposition) => _target?.Count(disposition) ?? _entries.Values.Count(e => e.Disposition == disposition);

    /// <summary>True when the report names <paramref name="path"/> (no string needed: the coverage walk asks per leaf).</summary>
    internal bool Contains(ReadOnlySpan<char> path)
    {
        if (_target is null)
        {
            return _entries.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(path);
        }

        if (IsWhole(path))
        {
            return _target.Contains(path);
        }

        var length = _prefix.Length + path.Length;
        var filed = length <= 256 ? stackalloc char[length] : new char[length];
        _prefix.CopyTo(filed);
        path.CopyTo(filed[_prefix.Length..]);
        return _target.Contains(filed);
    }

    /// <summary>
    /// <paramref name="path"/> as this report files it: a view's prefix added, unless exempt. A caller that builds
    /// many paths below one (a container's) files that one first and so makes each path string once: the view
    /// passes a path that already starts with its prefix through as it is.
    /// </summary>
    internal string Filed(string path) => _target is null || IsWhole(path) ? path : _prefix + path;

    /// <summary>
    /// The path of the input root as this report files it, for a walk that builds member paths below it with a
    /// '.' (ReportCoverage): empty for a report, a view's prefix without its final '.' ("taskDefinition").
    /// </summary>
    internal string Root { get; } = string.Empty;

    // A view's own paths never start with its prefix ("taskDefinition." has no member "taskDefinition").
    private bool IsWhole(ReadOnlySpan<char> path) => IsExempt(path) || (_target is not null && path.StartsWith(_prefix, StringComparison.Ordinal));

    private bool IsExempt(ReadOnlySpan<char> path) =>
        _exempt is not null && path.StartsWith(_exempt, StringComparison.Ordinal) &&
        (path.Length == _exempt.Length || path[_exempt.Length] is '.' or '[');

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
