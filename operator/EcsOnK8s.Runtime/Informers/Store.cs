using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// The thread-safe cache of an informer, keyed by <see cref="ObjectKey"/>, with indexes. Built-in indexes: by
/// namespace and by the UID of the controller owner reference; more with <see cref="AddIndex"/> and
/// <see cref="AddLabelIndex"/>. Objects handed out are shared with the cache: treat them as read-only (clone before
/// changing one).
/// </summary>
public sealed class Store<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Index of objects by namespace.</summary>
    public const string NamespaceIndex = "namespace";

    /// <summary>Index of objects by the UID of their controller owner reference.</summary>
    public const string ControllerOwnerIndex = "controller-owner-uid";

    private const string LabelIndexPrefix = "label:";

    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);

    public Store()
    {
        AddIndex(NamespaceIndex, static o => [o.Metadata?.NamespaceProperty ?? string.Empty]);
        AddIndex(ControllerOwnerIndex, static o => o.ControllerOwner()?.Uid is { } uid ? [uid] : []);
    }

    /// <summary>Number of cached objects.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds (or replaces) an index; existing objects are indexed at once.</summary>
    /// <param name="name">Index name, used with <see cref="ByIndex"/>.</param>
    /// <param name="indexer">The values an object is found under (none to leave it out).</param>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(indexer);
        lock (_lock)
        {
            var index = new Index(indexer);
            foreach (var (key, item) in _items)
            {
                index.Add(key, item);
            }

            _indexes[name] = index;
        }
    }

    /// <summary>Indexes objects by the value of one label, for <see cref="ByLabel"/>.</summary>
    public void AddLabelIndex(string labelKey)
    {
        ArgumentNullException.ThrowIfNull(labelKey);
        AddIndex(LabelIndexPrefix + labelKey, o => o.Metadata?.Labels is { } labels && labels.TryGetValue(labelKey, out var value) ? [value] : []);
    }

    /// <summary>The cached object of a key, or null.</summary>
    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>A snapshot of every cached object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>A snapshot of every cached key.</summary>
    public IReadOnlyList<ObjectKey> Keys()
    {
        lock (_lock)
        {
            return [.. _items.Keys];
        }
    }

    /// <summary>The objects an index files under <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"no index named '{indexName}'", nameof(indexName));
            }

            return index.Get(value) is { } keys ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>The objects of one namespace.</summary>
    public IReadOnlyList<T> ByNamespace(string @namespace) => ByIndex(NamespaceIndex, @namespace ?? string.Empty);

    /// <summary>The objects whose controller owner reference has this UID.</summary>
    public IReadOnlyList<T> ByControllerOwner(string ownerUid) => ByIndex(ControllerOwnerIndex, ownerUid);

    /// <summary>
    /// The objects with label <paramref name="labelKey"/> = <paramref name="value"/>: an index lookup when
    /// <see cref="AddLabelIndex"/> was called for the key, a scan otherwise.
    /// </summary>
    public IReadOnlyList<T> ByLabel(string labelKey, string value)
    {
        lock (_lock)
        {
            if (_indexes.ContainsKey(LabelIndexPrefix + labelKey))
            {
                return ByIndex(LabelIndexPrefix + labelKey, value);
            }

            return [.. _items.Values.Where(o => o.Metadata?.Labels is { } labels && labels.TryGetValue(labelKey, out var v) && v == value)];
        }
    }

    /// <summary>Inserts or replaces an object; returns the previous one.</summary>
    internal T? Upsert(T item)
    {
        var key = ObjectKey.From(item);
        lock (_lock)
        {
            _items.TryGetValue(key, out var old);
            if (old is not null)
            {
                foreach (var index in _indexes.Values)
                {
                    index.Remove(key, old);
                }
            }

            _items[key] = item;
            foreach (var index in _indexes.Values)
            {
                index.Add(key, item);
            }

            return old;
        }
    }

    /// <summary>Removes an object; returns it, or null when it was not cached.</summary>
    internal T? Remove(ObjectKey key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            foreach (var index in _indexes.Values)
            {
                index.Remove(key, old);
            }

            return old;
        }
    }

    private sealed class Index
    {
        private readonly Func<T, IEnumerable<string>> _indexer;
        private readonly Dictionary<string, HashSet<ObjectKey>> _entries = new(StringComparer.Ordinal);

        public Index(Func<T, IEnumerable<string>> indexer)
        {
            _indexer = indexer;
        }

        public HashSet<ObjectKey>? Get(string value) => _entries.GetValueOrDefault(value);

        public void Add(ObjectKey key, T item)
        {
            foreach (var value in _indexer(item))
            {
                if (!_entries.TryGetValue(value, out var keys))
                {
                    _entries[value] = keys = [];
                }

                keys.Add(key);
            }
        }

        public void Remove(ObjectKey key, T item)
        {
            foreach (var value in _indexer(item))
            {
                if (_entries.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    _entries.Remove(value);
                }
            }
        }
    }
}
