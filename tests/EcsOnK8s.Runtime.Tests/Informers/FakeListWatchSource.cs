using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Tests.Informers;

/// <summary>
/// An in-memory API server for one resource: objects with resource versions, paged lists, one live watch at a time
/// fed through a channel, and knobs for faults (closing or failing the watch, compaction, list errors).
/// </summary>
internal sealed class FakeListWatchSource<T> : IListWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, T> _objects = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, UndecodableObject> _undecodable = new(StringComparer.Ordinal);
    private readonly List<WatchRequest> _watchRequests = [];
    private readonly List<CancellationToken> _watchTokens = [];
    private readonly List<ListRequest> _listRequests = [];
    private Channel<WatchEvent<T>>? _watch;
    private long _resourceVersion = 100;

    /// <summary>Watches from a resource version below this get 410.</summary>
    public long CompactedBelow { get; set; }

    /// <summary>Send 410 as an ERROR event instead of an HTTP error.</summary>
    public bool ExpireWithErrorEvent { get; set; }

    /// <summary>Errors thrown by the next watch requests, in order.</summary>
    public Queue<Exception> WatchFaults { get; } = new();

    public Queue<Exception> ListFaults { get; } = new();

    public long ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    public IReadOnlyList<WatchRequest> WatchRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _watchRequests];
            }
        }
    }

    /// <summary>
    /// The cancellation token of each watch request, in order: the client's own decision to end a watch (its idle
    /// timeout or deadline), seen as soon as it is taken.
    /// </summary>
    public IReadOnlyList<CancellationToken> WatchTokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _watchTokens];
            }
        }
    }

    /// <summary>Events sent to the open watch that the client has not read yet.</summary>
    public int UnreadWatchEvents
    {
        get
        {
            lock (_lock)
            {
                return _watch?.Reader.Count ?? 0;
            }
        }
    }

    public IReadOnlyList<ListRequest> ListRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _listRequests];
            }
        }
    }

    /// <summary>True while a watch is open.</summary>
    public bool Watching
    {
        get
        {
            lock (_lock)
            {
                return _watch is not null;
            }
        }
    }

    /// <summary>Creates or updates an object and tells the open watch (unless <paramref name="silently"/>).</summary>
    public void Put(T item, bool silently = false)
    {
        lock (_lock)
        {
            var key = ObjectKey.From(item).ToString();
            var existed = _objects.ContainsKey(key) | _undecodable.Remove(key);
            item.Metadata.ResourceVersion = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            _objects[key] = Clone(item);
            if (!silently)
            {
                _watch?.Writer.TryWrite(new WatchEvent<T>(existed ? WatchEventType.Modified : WatchEventType.Added, Clone(item)));
            }
        }
    }

    /// <summary>Sends the watch event of an object's current version (the echo of a write stored silently).</summary>
    public void Echo(ObjectKey key)
    {
        lock (_lock)
        {
            _watch?.Writer.TryWrite(new WatchEvent<T>(WatchEventType.Modified, Clone(_objects[key.ToString()])));
        }
    }

    /// <summary>
    /// Stores a version of <paramref name="key"/> that the model cannot read (in place of a readable one) and tells the
    /// open watch (unless <paramref name="silently"/>).
    /// </summary>
    public UndecodableObject PutUndecodable(ObjectKey key, bool silently = false)
    {
        lock (_lock)
        {
            var existed = _objects.Remove(key.ToString()) | _undecodable.ContainsKey(key.ToString());
            var item = new UndecodableObject(
                "v1", "ConfigMap", key, $"uid-{key.Namespace}-{key.Name}", (++_resourceVersion).ToString(CultureInfo.InvariantCulture),
                null, "data.value", "injected", default);
            _undecodable[key.ToString()] = item;
            if (!silently)
            {
                _watch?.Writer.TryWrite(new WatchEvent<T>(existed ? WatchEventType.Modified : WatchEventType.Added, null, null, item));
            }

            return item;
        }
    }

    public void Delete(ObjectKey key, bool silently = false)
    {
        lock (_lock)
        {
            if (_objects.Remove(key.ToString(), out var gone))
            {
                gone.Metadata.ResourceVersion = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
                if (!silently)
                {
                    _watch?.Writer.TryWrite(new WatchEvent<T>(WatchEventType.Deleted, gone));
                }
            }
        }
    }

    /// <summary>Sends a bookmark at a new resource version.</summary>
    public long Bookmark(T template)
    {
        lock (_lock)
        {
            var bookmark = Clone(template);
            bookmark.Metadata.ResourceVersion = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            _watch?.Writer.TryWrite(new WatchEvent<T>(WatchEventType.Bookmark, bookmark));
            return _resourceVersion;
        }
    }

    public void SendError(int code)
    {
        lock (_lock)
        {
            _watch?.Writer.TryWrite(new WatchEvent<T>(WatchEventType.Error, null, new V1Status { Code = code, Message = "injected" }));
        }
    }

    /// <summary>Ends the open watch as the server does at its timeout.</summary>
    public void CloseWatch()
    {
        lock (_lock)
        {
            _watch?.Writer.TryComplete();
            _watch = null;
        }
    }

    /// <summary>Breaks the open watch as a dropped connection does.</summary>
    public void BreakWatch()
    {
        lock (_lock)
        {
            _watch?.Writer.TryComplete(new WatchCutException(new HttpRequestException("connection reset (injected)")));
            _watch = null;
        }
    }

    public Task<ResourcePage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _listRequests.Add(request);
            if (ListFaults.TryDequeue(out var fault))
            {
                throw fault;
            }

            var all = _objects.Where(p => request.Namespace is null || p.Value.Metadata.NamespaceProperty == request.Namespace).ToList();
            var start = request.Continue is null ? 0 : int.Parse(request.Continue, CultureInfo.InvariantCulture);
            var count = request.Limit > 0 ? request.Limit : all.Count;
            var page = all.Skip(start).Take(count).Select(p => Clone(p.Value)).ToList();
            var next = start + count < all.Count ? (start + count).ToString(CultureInfo.InvariantCulture) : null;
            // The unreadable objects come with the first page.
            var undecodable = start > 0 ? [] : _undecodable.Values.Where(u => request.Namespace is null || u.Key.Namespace == request.Namespace).ToList();
            return Task.FromResult(new ResourcePage<T>(page, _resourceVersion.ToString(CultureInfo.InvariantCulture), next) { Undecodable = undecodable });
        }
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<WatchEvent<T>> channel;
        lock (_lock)
        {
            _watchRequests.Add(request);
            _watchTokens.Add(cancellationToken);
            if (WatchFaults.TryDequeue(out var fault))
            {
                throw fault;
            }

            if (long.Parse(request.ResourceVersion, CultureInfo.InvariantCulture) < CompactedBelow)
            {
                if (!ExpireWithErrorEvent)
                {
                    throw new KubernetesApiException(HttpStatusCode.Gone, null, "too old resource version");
                }

                channel = Channel.CreateUnbounded<WatchEvent<T>>();
                channel.Writer.TryWrite(new WatchEvent<T>(WatchEventType.Error, null, new V1Status { Code = 410, Reason = "Expired" }));
            }
            else
            {
                _watch?.Writer.TryComplete();
                channel = Channel.CreateUnbounded<WatchEvent<T>>();
                _watch = channel;
            }
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_lock)
            {
                if (_watch == channel)
                {
                    _watch = null;
                }
            }
        }
    }

    private static T Clone(T item) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(item));
}
