using System.Collections.Concurrent;
using System.Text.Json;
using EcsOnK8s.Events.Patterns;
using EcsOnK8s.Runtime;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// The valid EcsEventRules, compiled, and per namespace an index of the enabled ones' patterns: an event is matched
/// only against the rules of its own namespace. A disabled or invalid rule matches nothing. Safe for concurrent use.
/// </summary>
public sealed class EventRuleRegistry
{
    private readonly ConcurrentDictionary<ObjectKey, CompiledRule> _rules = new();
    private readonly ConcurrentDictionary<string, EventPatternIndex<string>> _indexes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Raised after a rule was set or removed (with the previous compilation, if any).</summary>
    public event Action<ObjectKey, CompiledRule?, CompiledRule?>? Changed;

    private Func<bool>? _complete;

    public int Count => _rules.Count;

    /// <summary>
    /// Whether the registry holds every rule of the watched namespaces: its filler's informer has synced into it.
    /// Until then an event could miss a rule that exists, so it is not accepted (<see cref="EventBus"/>).
    /// </summary>
    public bool Complete => _complete?.Invoke() == true;

    /// <summary>Called by the registry's filler once it is subscribed: <paramref name="synced"/> says when the fill is whole.</summary>
    public void CompleteWhen(Func<bool> synced) => _complete = synced ?? throw new ArgumentNullException(nameof(synced));

    public CompiledRule? Get(ObjectKey key) => _rules.GetValueOrDefault(key);

    public IReadOnlyList<CompiledRule> All() => [.. _rules.Values];

    /// <summary>Whether an enabled rule is in <paramref name="namespace"/>: without one, nothing there needs deriving.</summary>
    public bool HasRules(string @namespace) => _indexes.TryGetValue(@namespace, out var index) && index.Count > 0;

    public IReadOnlyList<CompiledRule> InNamespace(string @namespace) => [.. _rules.Values.Where(r => r.Key.Namespace == @namespace)];

    public void Set(CompiledRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        CompiledRule? previous;
        lock (_gate)
        {
            previous = _rules.GetValueOrDefault(rule.Key);
            _rules[rule.Key] = rule;
            var index = _indexes.GetOrAdd(rule.Key.Namespace ?? string.Empty, _ => new EventPatternIndex<string>(StringComparer.Ordinal));
            if (rule.Enabled)
            {
                index.Set(rule.Key.Name, rule.Pattern);
            }
            else
            {
                index.Remove(rule.Key.Name);
            }
        }

        Changed?.Invoke(rule.Key, previous, rule);
    }

    public void Remove(ObjectKey key)
    {
        CompiledRule? previous;
        lock (_gate)
        {
            if (!_rules.TryRemove(key, out previous))
            {
                return;
            }

            if (_indexes.TryGetValue(key.Namespace ?? string.Empty, out var index))
            {
                index.Remove(key.Name);
            }
        }

        Changed?.Invoke(key, previous, null);
    }

    /// <summary>The enabled rules of <paramref name="namespace"/> whose pattern matches the event (in EventBridge's JSON).</summary>
    public IReadOnlyList<CompiledRule> Match(string @namespace, JsonElement @event)
    {
        if (!_indexes.TryGetValue(@namespace, out var index))
        {
            return [];
        }

        var result = new List<CompiledRule>();
        foreach (var name in index.Match(@event))
        {
            if (_rules.TryGetValue(new ObjectKey(@namespace, name), out var rule) && rule.Enabled)
            {
                result.Add(rule);
            }
        }

        return result;
    }
}
