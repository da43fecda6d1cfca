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

    public int Count => _rules.Count;

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
