using System.Text;
using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// Many rules' patterns, matched against one event at a time: <see cref="Match(JsonElement, ICollection{TKey})"/>
/// gives the keys of the rules whose pattern matches, in the order the keys were first added. Rules that require
/// exact <c>source</c> and/or <c>detail-type</c> values are filed under them, so an event is evaluated only against
/// the rules that can match it plus those that name neither field.
/// Safe for concurrent use: changes take a lock and replace the index an in-flight match keeps reading.
/// </summary>
public sealed class EventPatternIndex<TKey>
    where TKey : notnull
{
    private const string SourceField = "source";
    private const string DetailTypeField = "detail-type";

    /// <summary>A rule with more (source, detail-type) pairs than this is filed under its sources only.</summary>
    private const int MaxPairsPerRule = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Rule> _rules;
    private long _nextOrder;
    private Snapshot? _snapshot;

    public EventPatternIndex(IEqualityComparer<TKey>? comparer = null)
    {
        _rules = new Dictionary<TKey, Rule>(comparer);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rules.Count;
            }
        }
    }

    /// <summary>Adds the rule <paramref name="key"/> or replaces its pattern (keeping its place in the order).</summary>
    public void Set(TKey key, EventPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        lock (_gate)
        {
            var order = _rules.TryGetValue(key, out var existing) ? existing.Order : _nextOrder++;
            _rules[key] = new Rule(key, pattern, order);
            _snapshot = null;
        }
    }

    /// <summary>Removes the rule; false when there was none.</summary>
    public bool Remove(TKey key)
    {
        lock (_gate)
        {
            if (!_rules.Remove(key))
            {
                return false;
            }

            _snapshot = null;
            return true;
        }
    }

    public bool Contains(TKey key)
    {
        lock (_gate)
        {
            return _rules.ContainsKey(key);
        }
    }

    /// <summary>Adds to <paramref name="matches"/> the key of every rule whose pattern matches; returns how many.</summary>
    public int Match(JsonElement @event, ICollection<TKey> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (@event.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        var snapshot = Volatile.Read(ref _snapshot) ?? Build();
        return snapshot.Match(@event, matches);
    }

    /// <summary>The keys of the rules whose pattern matches, in the order they were added.</summary>
    public IReadOnlyList<TKey> Match(JsonElement @event)
    {
        var matches = new List<TKey>();
        Match(@event, matches);
        return matches;
    }

    private Snapshot Build()
    {
        lock (_gate)
        {
            return _snapshot ??= new Snapshot(_rules.Values);
        }
    }

    /// <summary>A rule as filed: <see cref="Check"/> is what remains to match once the index has chosen it.</summary>
    private sealed record Rule(TKey Key, EventPattern Pattern, long Order)
    {
        public PatternNode? Check { get; init; }
    }

    /// <summary>An immutable index over the rules at one moment.</summary>
    private sealed class Snapshot
    {
        private static readonly Rule[] None = [];

        // Per thread, reused: the matches of the event being evaluated.
        [ThreadStatic]
        private static List<Rule>? _matched;

        // source -> detail-type -> rules requiring both; source -> rules requiring only a source; and so on.
        private readonly Dictionary<string, Dictionary<string, Rule[]>> _bySourceAndType = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Rule[]> _bySource = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Rule[]> _byType = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, Rule[]>>.AlternateLookup<ReadOnlySpan<char>> _bySourceAndTypeLookup;
        private readonly Dictionary<string, Rule[]>.AlternateLookup<ReadOnlySpan<char>> _bySourceLookup;
        private readonly Dictionary<string, Rule[]>.AlternateLookup<ReadOnlySpan<char>> _byTypeLookup;
        private readonly Rule[] _unindexed;
        private readonly Rule[] _all;

        public Snapshot(IEnumerable<Rule> rules)
        {
            var bySourceAndType = new Dictionary<string, Dictionary<string, List<Rule>>>(StringComparer.Ordinal);
            var bySource = new Dictionary<string, List<Rule>>(StringComparer.Ordinal);
            var byType = new Dictionary<string, List<Rule>>(StringComparer.Ordinal);
            var unindexed = new List<Rule>();
            _all = [.. rules.OrderBy(r => r.Order)];
            foreach (var rule in _all)
            {
                var sources = rule.Pattern.RequiredExactValues(SourceField)?.Distinct(StringComparer.Ordinal).ToArray();
                var types = rule.Pattern.RequiredExactValues(DetailTypeField)?.Distinct(StringComparer.Ordinal).ToArray();
                // A rule chosen through a bucket has had its exact source and/or detail-type checked already.
                if (sources is not null && types is not null && sources.Length * types.Length <= MaxPairsPerRule)
                {
                    var filed = rule with { Check = rule.Pattern.Without(SourceField, DetailTypeField) };
                    foreach (var source in sources)
                    {
                        var inner = Get(bySourceAndType, source);
                        foreach (var type in types)
                        {
                            Get(inner, type).Add(filed);
                        }
                    }
                }
                else if (sources is not null)
                {
                    var filed = rule with { Check = rule.Pattern.Without(SourceField) };
                    foreach (var source in sources)
                    {
                        Get(bySource, source).Add(filed);
                    }
                }
                else if (types is not null)
                {
                    var filed = rule with { Check = rule.Pattern.Without(DetailTypeField) };
                    foreach (var type in types)
                    {
                        Get(byType, type).Add(filed);
                    }
                }
                else
                {
                    unindexed.Add(rule);
                }
            }

            foreach (var (source, inner) in bySourceAndType)
            {
                _bySourceAndType[source] = inner.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
            }

            foreach (var (source, list) in bySource)
            {
                _bySource[source] = [.. list];
            }

            foreach (var (type, list) in byType)
            {
                _byType[type] = [.. list];
            }

            _unindexed = [.. unindexed];
            _bySourceAndTypeLookup = _bySourceAndType.GetAlternateLookup<ReadOnlySpan<char>>();
            _bySourceLookup = _bySource.GetAlternateLookup<ReadOnlySpan<char>>();
            _byTypeLookup = _byType.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public int Match(JsonElement @event, ICollection<TKey> matches)
        {
            // An array (or anything but a plain string) under source or detail-type can match rules filed under
            // any value: evaluate every rule rather than guess.
            var source = ReadKey(@event, SourceField, out var sourceState);
            var type = ReadKey(@event, DetailTypeField, out var typeState);
            if (sourceState == KeyState.Other || typeState == KeyState.Other)
            {
                return Evaluate(@event, _all, None, None, None, matches);
            }

            Span<char> sourceChars = stackalloc char[source.Length <= 256 ? Encoding.UTF8.GetMaxCharCount(source.Length) : 0];
            Span<char> typeChars = stackalloc char[type.Length <= 256 ? Encoding.UTF8.GetMaxCharCount(type.Length) : 0];
            var sourceText = Decode(source, sourceChars);
            var typeText = Decode(type, typeChars);

            var pairs = None;
            var bySource = None;
            var byType = None;
            if (sourceState == KeyState.String)
            {
                if (typeState == KeyState.String && _bySourceAndTypeLookup.TryGetValue(sourceText, out var inner))
                {
                    pairs = inner.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(typeText, out var found) ? found : None;
                }

                bySource = _bySourceLookup.TryGetValue(sourceText, out var s) ? s : None;
            }

            if (typeState == KeyState.String)
            {
                byType = _byTypeLookup.TryGetValue(typeText, out var t) ? t : None;
            }

            return Evaluate(@event, _unindexed, pairs, bySource, byType, matches);
        }

        /// <summary>
        /// Evaluates the chosen lists (no rule is in two of them) and adds the matches' keys in rule order: the few
        /// matches are sorted, not the candidates.
        /// </summary>
        private static int Evaluate(JsonElement @event, Rule[] a, Rule[] b, Rule[] c, Rule[] d, ICollection<TKey> matches)
        {
            var scope = MatchScope.Begin();

            // Taken from the thread while in use: the caller's collection may match another event from Add.
            var matched = _matched ?? [];
            _matched = null;
            Collect(@event, scope, a, matched);
            Collect(@event, scope, b, matched);
            Collect(@event, scope, c, matched);
            Collect(@event, scope, d, matched);
            for (var i = 1; i < matched.Count; i++)
            {
                var rule = matched[i];
                var j = i - 1;
                for (; j >= 0 && matched[j].Order > rule.Order; j--)
                {
                    matched[j + 1] = matched[j];
                }

                matched[j + 1] = rule;
            }

            foreach (var rule in matched)
            {
                matches.Add(rule.Key);
            }

            var count = matched.Count;
            matched.Clear();
            _matched = matched;
            return count;
        }

        private static void Collect(JsonElement @event, MatchScope scope, Rule[] rules, List<Rule> matched)
        {
            foreach (var rule in rules)
            {
                if (rule.Check is { } check ? check.Matches(@event, scope) : rule.Pattern.Matches(@event, scope))
                {
                    matched.Add(rule);
                }
            }
        }

        private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8, Span<char> buffer)
        {
            if (buffer.Length == 0 && utf8.Length > 0)
            {
                return Encoding.UTF8.GetString(utf8);
            }

            var n = Encoding.UTF8.GetChars(utf8, buffer);
            return buffer[..n];
        }

        private static ReadOnlySpan<byte> ReadKey(JsonElement @event, string name, out KeyState state)
        {
            if (!@event.TryGetProperty(name, out var value))
            {
                state = KeyState.Missing;
                return default;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                state = KeyState.Other;
                return default;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                // A number, object or null never equals a required string: rules filed under the field cannot match.
                state = KeyState.Missing;
                return default;
            }

            state = KeyState.String;
            return LeafValue.From(value).Utf8;
        }

        private static List<Rule> Get(Dictionary<string, List<Rule>> map, string key)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            return list;
        }

        private static Dictionary<string, List<Rule>> Get(Dictionary<string, Dictionary<string, List<Rule>>> map, string key)
        {
            if (!map.TryGetValue(key, out var inner))
            {
                map[key] = inner = new Dictionary<string, List<Rule>>(StringComparer.Ordinal);
            }

            return inner;
        }

        private enum KeyState
        {
            Missing,
            String,
            Other,
        }
    }
}
