using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// Keeps a <see cref="Store{T}"/> in step with the cluster for one resource type: paged LIST, then WATCH from the
/// list's resource version with bookmarks; relist on 410 (emitting Deleted for objects that vanished meanwhile);
/// reconnect with jittered exponential backoff after errors; re-open a watch that stays silent. One reflector per
/// watched namespace, one shared store. Subscribers get every change after the store applied it.
/// </summary>
public sealed class Informer<T> : IInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _dispatchLock = new();
    private readonly List<Action<ResourceEvent<T>>> _handlers = [];
    private readonly List<Action<UndecodableObject>> _undecodableHandlers = [];
    private readonly Dictionary<ObjectKey, UndecodableObject> _undecodable = [];

    // Versions taken from the answers of the operator's own writes (TakeWritten) whose watch events have not come yet.
    private readonly Dictionary<ObjectKey, string> _written = [];
    private readonly List<Reflector<T>> _reflectors = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly RuntimeMetrics? _metrics;
    private Task? _running;

    /// <param name="source">Where to list and watch.</param>
    /// <param name="resourceType">The resource (for logs, metrics, scope and paths).</param>
    /// <param name="options">Scope, selector, timeouts; defaults when null.</param>
    /// <param name="timeProvider">Clock for backoff and watch timeouts.</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <param name="metrics">Metrics; none when null.</param>
    public Informer(
        IListWatchSource<T> source,
        ResourceType resourceType,
        InformerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        RuntimeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ResourceType = resourceType ?? throw new ArgumentNullException(nameof(resourceType));
        Options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        var time = timeProvider ?? TimeProvider.System;
        IReadOnlyList<string?> scopes = resourceType.Namespaced && Options.Namespaces.Count > 0 ? [.. Options.Namespaces.Distinct()] : [null];
        foreach (var scope in scopes)
        {
            _reflectors.Add(new Reflector<T>(this, source, scope, time, _logger, metrics));
        }
    }

    public ResourceType ResourceType { get; }

    public InformerOptions Options { get; }

    /// <summary>The cache. Read-only for callers.</summary>
    public Store<T> Store { get; } = new();

    public bool HasSynced => _synced.Task.IsCompletedSuccessfully;

    /// <summary>The running list/watch loops; completes after the start token is cancelled.</summary>
    public Task Completion => _running ?? Task.CompletedTask;

    /// <summary>
    /// Subscribes to cache changes. Objects already cached are replayed first as <see cref="ResourceEventType.Added"/>.
    /// Handlers run on the informer's loop (or on the thread of a write whose answer <see cref="TakeWritten"/> takes), one
    /// event at a time, in order: keep them short (enqueue a key).
    /// Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Action<ResourceEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchLock)
        {
            foreach (var item in Store.List())
            {
                Invoke(handler, new ResourceEvent<T>(ResourceEventType.Added, item));
            }

            _handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>
    /// Objects of the watched scopes that the typed model cannot read, as last listed or watched. They are not in
    /// <see cref="Store"/>: to the cache they are absent until a readable version arrives.
    /// </summary>
    public IReadOnlyList<UndecodableObject> Undecodable
    {
        get
        {
            lock (_dispatchLock)
            {
                return [.. _undecodable.Values];
            }
        }
    }

    public UndecodableObject? GetUndecodable(ObjectKey key)
    {
        lock (_dispatchLock)
        {
            return _undecodable.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Subscribes to undecodable objects: those already known are replayed first, then each new one and each new
    /// resource version of one is reported once. Same threading rules as <see cref="Subscribe"/>.
    /// </summary>
    public IDisposable SubscribeUndecodable(Action<UndecodableObject> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchLock)
        {
            foreach (var item in _undecodable.Values)
            {
                InvokeUndecodable(handler, item);
            }

            _undecodableHandlers.Add(handler);
        }

        return new UndecodableSubscription(this, handler);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_dispatchLock)
        {
            _running ??= Task.WhenAll(_reflectors.Select(r => Task.Run(() => r.RunAsync(cancellationToken), CancellationToken.None)));
        }

        return Task.CompletedTask;
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public bool IsComplete(string? @namespace) => Options.LabelSelector is null && Watches(@namespace);

    public bool IsCompleteFor(string? @namespace, string labelSelector) =>
        (Options.LabelSelector is null || Options.LabelSelector == labelSelector) && Watches(@namespace);

    private bool Watches(string? @namespace) =>
        !ResourceType.Namespaced || Options.Namespaces.Count == 0 || (@namespace is not null && Options.Namespaces.Contains(@namespace));

    public IKubernetesObject<V1ObjectMeta>? GetObject(ObjectKey key) => Store.Get(key);

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> GetByControllerOwner(string ownerUid) => Store.ByControllerOwner(ownerUid);

    public bool TakeWritten(IKubernetesObject<V1ObjectMeta> written, string? replacedVersion)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (written is not T item || replacedVersion is null || item.Metadata?.ResourceVersion is not { } version)
        {
            return false;
        }

        var key = ObjectKey.From(item);
        Prepare(item);
        lock (_dispatchLock)
        {
            // Only the direct successor of the cached version: anything the watch delivered meanwhile is as new or newer.
            if (Store.Get(key) is not { } cached || cached.Metadata?.ResourceVersion != replacedVersion || IsSuccessor(cached, item))
            {
                return false;
            }

            Store.Upsert(item);
            _written[key] = version;
            Dispatch(new ResourceEvent<T>(ResourceEventType.Updated, item, cached));
            return true;
        }
    }

    /// <summary>
    /// Applies a LIST of one scope: adds and updates what is listed, deletes what is cached but no longer listed
    /// (or listed but no longer readable), and replaces the scope's undecodable objects.
    /// </summary>
    /// <param name="scope">The namespace listed; null for all.</param>
    /// <param name="items">The objects listed, already <see cref="Prepare"/>d page by page.</param>
    /// <param name="undecodable">Listed objects the model cannot read.</param>
    internal void Replace(string? scope, IReadOnlyList<T> items, IReadOnlyList<UndecodableObject> undecodable)
    {
        lock (_dispatchLock)
        {
            var vanished = new HashSet<ObjectKey>(scope is null ? Store.Keys() : Store.ByNamespace(scope).Select(ObjectKey.From));

            // The watch starts again from the list's version: an echo still to come is an ordinary update.
            foreach (var key in _written.Keys.Where(k => scope is null || k.Namespace == scope).ToList())
            {
                _written.Remove(key);
            }

            var unreadable = undecodable.Select(u => u.Key).ToHashSet();
            foreach (var key in _undecodable.Keys.Where(k => (scope is null || k.Namespace == scope) && !unreadable.Contains(k)).ToList())
            {
                _undecodable.Remove(key);
            }

            foreach (var item in undecodable)
            {
                Quarantine(item);
            }

            foreach (var item in items)
            {
                vanished.Remove(ObjectKey.From(item));
                var old = Store.Upsert(item);
                if (old is null)
                {
                    Dispatch(new ResourceEvent<T>(ResourceEventType.Added, item));
                }
                else if (IsSuccessor(old, item))
                {
                    DispatchReplacement(old, item);
                }
                else if (old.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
                {
                    Dispatch(new ResourceEvent<T>(ResourceEventType.Updated, item, old));
                }
            }

            foreach (var key in vanished)
            {
                if (Store.Remove(key) is { } gone)
                {
                    Dispatch(new ResourceEvent<T>(ResourceEventType.Deleted, gone));
                }
            }

            UpdateGauge();
        }
    }

    internal void Apply(WatchEventType type, T item)
    {
        Prepare(item);
        lock (_dispatchLock)
        {
            var key = ObjectKey.From(item);
            _undecodable.Remove(key);
            if (_written.Remove(key, out var written) && type != WatchEventType.Deleted && written == item.Metadata?.ResourceVersion)
            {
                // The echo of a write already taken into the cache and dispatched.
                return;
            }

            if (type == WatchEventType.Deleted)
            {
                var gone = Store.Remove(ObjectKey.From(item));
                Dispatch(new ResourceEvent<T>(ResourceEventType.Deleted, item, gone));
            }
            else
            {
                var old = Store.Upsert(item);
                if (old is not null && IsSuccessor(old, item))
                {
                    DispatchReplacement(old, item);
                }
                else
                {
                    Dispatch(old is null
                        ? new ResourceEvent<T>(ResourceEventType.Added, item)
                        : new ResourceEvent<T>(ResourceEventType.Updated, item, old));
                }
            }

            UpdateGauge();
        }
    }

    /// <summary>
    /// A watch event whose object the model cannot read: the object leaves the typed cache (subscribers see it
    /// deleted) and is reported apart until a readable version or its deletion arrives.
    /// </summary>
    internal void ApplyUndecodable(WatchEventType type, UndecodableObject item)
    {
        lock (_dispatchLock)
        {
            if (Store.Remove(item.Key) is { } gone)
            {
                Dispatch(new ResourceEvent<T>(ResourceEventType.Deleted, gone));
            }

            if (type == WatchEventType.Deleted)
            {
                _undecodable.Remove(item.Key);
            }
            else
            {
                Quarantine(item);
            }

            UpdateGauge();
        }
    }

    internal void MarkSynced()
    {
        if (_reflectors.TrueForAll(r => r.HasListed))
        {
            _synced.TrySetResult();
        }
    }

    /// <summary>
    /// What is done to an object before it is cached: managed fields stripped, metadata strings shared, then the
    /// options' <see cref="InformerOptions.Transform"/>. The reflector prepares each LIST page as it arrives, so that a
    /// large LIST never holds its objects whole.
    /// </summary>
    internal void Prepare(T item)
    {
        if (item.Metadata is { } metadata)
        {
            if (Options.StripManagedFields)
            {
                metadata.ManagedFields = CachedMetadata.Kept(metadata.ManagedFields, Options.KeepManagedFieldsOf);
            }

            CachedMetadata.Share(metadata);
        }

        if (Options.Transform is { } transform)
        {
            try
            {
                transform(item);
            }
            catch (Exception e)
            {
                // A bug in a transform must not cost the object its place in the cache, nor stop the list or watch.
                InformerLog.TransformFailed(_logger, ResourceType.Plural, ObjectKey.From(item).ToString(), e);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="item"/> is another object than <paramref name="old"/> under the same name (deleted and
    /// created again while the delete went unseen, e.g. across a relist): not an update of it.
    /// </summary>
    private static bool IsSuccessor(T old, T item) =>
        old.Metadata?.Uid is { Length: > 0 } before && item.Metadata?.Uid is { Length: > 0 } after && before != after;

    // Subscribers key their work on names: an update from one object to another would read as an edit of one object
    // (e.g. a status-only change, or one at a generation that failed terminally) and the successor would be skipped.
    private void DispatchReplacement(T old, T item)
    {
        Dispatch(new ResourceEvent<T>(ResourceEventType.Deleted, old));
        Dispatch(new ResourceEvent<T>(ResourceEventType.Added, item));
    }

    /// <summary>Records an undecodable object; subscribers hear of it once per UID and resource version.</summary>
    private void Quarantine(UndecodableObject item)
    {
        var known = _undecodable.GetValueOrDefault(item.Key);
        _undecodable[item.Key] = item;
        if (known is not null && known.Uid == item.Uid && known.ResourceVersion == item.ResourceVersion)
        {
            return;
        }

        InformerLog.Undecodable(_logger, ResourceType.Plural, item.Key.ToString(), item.ResourceVersion ?? string.Empty, item.Path, item.Error);
        foreach (var handler in _undecodableHandlers)
        {
            InvokeUndecodable(handler, item);
        }
    }

    private void InvokeUndecodable(Action<UndecodableObject> handler, UndecodableObject item)
    {
        try
        {
            handler(item);
        }
        catch (Exception e)
        {
            InformerLog.UndecodableHandlerFailed(_logger, ResourceType.Plural, e);
        }
    }

    private void Dispatch(ResourceEvent<T> change)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, change);
        }
    }

    private void Invoke(Action<ResourceEvent<T>> handler, ResourceEvent<T> change)
    {
        try
        {
            handler(change);
        }
        catch (Exception e)
        {
            InformerLog.HandlerFailed(_logger, ResourceType.Plural, change.Type, e);
        }
    }

    private void UpdateGauge() => _metrics?.CachedObjects.WithLabels(ResourceType.Plural).Set(Store.Count);

    private void Unsubscribe(Action<ResourceEvent<T>> handler)
    {
        lock (_dispatchLock)
        {
            _handlers.Remove(handler);
        }
    }

    private void UnsubscribeUndecodable(Action<UndecodableObject> handler)
    {
        lock (_dispatchLock)
        {
            _undecodableHandlers.Remove(handler);
        }
    }

    private sealed class Subscription(Informer<T> informer, Action<ResourceEvent<T>> handler) : IDisposable
    {
        public void Dispose() => informer.Unsubscribe(handler);
    }

    private sealed class UndecodableSubscription(Informer<T> informer, Action<UndecodableObject> handler) : IDisposable
    {
        public void Dispose() => informer.UnsubscribeUndecodable(handler);
    }
}
