using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Tests.Support;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Informers;

public sealed class InformerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeListWatchSource<V1ConfigMap> _source = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ResourceEvent<V1ConfigMap>> _events = [];
    private readonly Lock _eventsLock = new();

    private static readonly InformerOptions s_options = new()
    {
        PageSize = 2,
        IdleTimeout = TimeSpan.FromHours(1),
        MinWatchTimeout = TimeSpan.FromHours(2),
        MaxWatchTimeout = TimeSpan.FromHours(3),
    };

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    [Fact]
    public async Task StartAsync_ObjectsExist_ListsInPagesAndReportsAdds()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            _source.Put(Objects.ConfigMap(name));
        }

        var informer = await StartAsync(s_options);

        Assert.Equal(["a", "b", "c", "d", "e"], informer.Store.List().Select(o => o.Metadata.Name).Order());
        Assert.Equal(3, _source.ListRequests.Count);
        Assert.Equal([null, "2", "4"], _source.ListRequests.Select(r => r.Continue));
        Assert.Equal(5, Events().Count(e => e.Type == ResourceEventType.Added));
        await Eventually.TrueAsync(() => _source.Watching, "watch open");
        Assert.Equal(_source.ResourceVersion.ToString(), _source.WatchRequests[0].ResourceVersion);
    }

    [Fact]
    public async Task Watch_AddUpdateDelete_StoreAndEventsFollow()
    {
        _source.Put(Objects.ConfigMap("a", value: "1"));
        var informer = await StartAsync(s_options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open");

        _source.Put(Objects.ConfigMap("b"));
        _source.Put(Objects.ConfigMap("a", value: "2"));
        _source.Delete(new ObjectKey("default", "b"));

        await Eventually.TrueAsync(() => Events().Count == 4, "four events");
        var events = Events();
        Assert.Equal(
            [(ResourceEventType.Added, "a"), (ResourceEventType.Added, "b"), (ResourceEventType.Updated, "a"), (ResourceEventType.Deleted, "b")],
            events.Select(e => (e.Type, e.Object.Metadata.Name)));
        Assert.Equal("1", events[2].OldObject!.Data["value"]);
        Assert.Equal("2", informer.Store.Get(new ObjectKey("default", "a"))!.Data["value"]);
        Assert.Null(informer.Store.Get(new ObjectKey("default", "b")));
    }

    [Fact]
    public async Task Watch_ExpiredAfterDisconnect_RelistsAndEmitsDeletesForVanished()
    {
        _source.Put(Objects.ConfigMap("a"));
        _source.Put(Objects.ConfigMap("b"));
        _source.Put(Objects.ConfigMap("c", value: "1"));
        var informer = await StartAsync(s_options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open");

        // While the informer is disconnected: b goes, d comes, c changes, and the history is compacted.
        _source.WatchFaults.Enqueue(new HttpRequestException("refused (injected)"));
        _source.BreakWatch();
        _source.Delete(new ObjectKey("default", "b"), silently: true);
        _source.Put(Objects.ConfigMap("d"), silently: true);
        _source.Put(Objects.ConfigMap("c", value: "2"), silently: true);
        _source.CompactedBelow = _source.ResourceVersion;

        await Eventually.TrueAsync(() => _source.ListRequests.Count >= 3, "relist", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(200)));
        await Eventually.TrueAsync(() => Events().Count == 6, "relist events");

        Assert.Equal(["a", "c", "d"], informer.Store.List().Select(o => o.Metadata.Name).Order());
        var afterRelist = Events().Skip(3).Select(e => (e.Type, e.Object.Metadata.Name)).Order().ToList();
        Assert.Equal([(ResourceEventType.Added, "d"), (ResourceEventType.Updated, "c"), (ResourceEventType.Deleted, "b")], afterRelist);
        await Eventually.TrueAsync(() => _source.Watching, "watch open again");
        Assert.Equal(_source.ResourceVersion.ToString(), _source.WatchRequests[^1].ResourceVersion);
    }

    [Fact]
    public async Task Relist_ObjectReplacedBySuccessorOfTheSameName_DeletedThenAdded()
    {
        _source.Put(Objects.ConfigMap("a", generation: 1));
        var informer = await StartAsync(s_options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open");

        // While the informer is disconnected, a is deleted and created again: same name, same generation, new UID.
        _source.WatchFaults.Enqueue(new HttpRequestException("refused (injected)"));
        _source.BreakWatch();
        _source.Delete(new ObjectKey("default", "a"), silently: true);
        var successor = Objects.ConfigMap("a", value: "new", generation: 1);
        successor.Metadata.Uid = "uid-successor";
        _source.Put(successor, silently: true);
        _source.CompactedBelow = _source.ResourceVersion;

        await Eventually.TrueAsync(() => Events().Count == 3, "relist events", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(200)));
        var afterRelist = Events().Skip(1).ToList();
        Assert.Equal(
            [(ResourceEventType.Deleted, "uid-default-a"), (ResourceEventType.Added, "uid-successor")],
            afterRelist.Select(e => (e.Type, e.Object.Metadata.Uid)));
        Assert.Null(afterRelist[1].OldObject);
        Assert.Equal("uid-successor", informer.Store.Get(new ObjectKey("default", "a"))!.Metadata.Uid);
    }

    [Fact]
    public async Task Watch_ErrorEvent410_Relists()
    {
        _source.Put(Objects.ConfigMap("a"));
        var informer = await StartAsync(s_options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open");
        var listsBefore = _source.ListRequests.Count;

        _source.Delete(new ObjectKey("default", "a"), silently: true);
        _source.SendError(410);

        await Eventually.TrueAsync(() => informer.Store.Count == 0, "a deleted by relist");
        Assert.Equal(listsBefore + 1, _source.ListRequests.Count);
        Assert.Equal(ResourceEventType.Deleted, Events()[^1].Type);
    }

    [Fact]
    public async Task Watch_Bookmark_NextWatchStartsFromBookmark()
    {
        _source.Put(Objects.ConfigMap("a"));
        await StartAsync(s_options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open");

        var bookmark = _source.Bookmark(Objects.ConfigMap("ignored"));
        // Read is enough: the reflector takes the bookmark's version before it asks for the next event.
        await Eventually.TrueAsync(() => _source.UnreadWatchEvents == 0, "the bookmark read");
        _source.CloseWatch();

        await Eventually.TrueAsync(() => _source.WatchRequests.Count == 2, "second watch", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(bookmark.ToString(), _source.WatchRequests[1].ResourceVersion);
        Assert.Single(Events());
        Assert.Single(_source.ListRequests);
    }

    [Fact]
    public async Task Watch_SilentForIdleTimeout_ReopensFromLastResourceVersion()
    {
        _source.Put(Objects.ConfigMap("a"));
        var options = s_options with { IdleTimeout = TimeSpan.FromMinutes(2) };
        await StartAsync(options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open");
        _source.Put(Objects.ConfigMap("b"));
        await Eventually.TrueAsync(() => Events().Count == 2, "b added");
        var lastVersion = _source.ResourceVersion.ToString();

        // The fake clock runs due timers inside Advance, and a timed-out idle timer cancels the watch's token there
        // and then: the token says, without waiting, whether the reflector gave up on the watch.
        var watch = Assert.Single(_source.WatchTokens);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(watch.IsCancellationRequested, "the watch was given up before its idle timeout");

        _time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.True(watch.IsCancellationRequested, "the watch was not given up after its idle timeout");
        await Eventually.TrueAsync(() => _source.WatchRequests.Count == 2, "watch re-opened");
        Assert.Equal(lastVersion, _source.WatchRequests[1].ResourceVersion);
        Assert.Single(_source.ListRequests);
    }

    [Fact]
    public async Task Watch_RequestsServerTimeoutWithinBounds()
    {
        var options = s_options with { MinWatchTimeout = TimeSpan.FromMinutes(5), MaxWatchTimeout = TimeSpan.FromMinutes(10) };
        await StartAsync(options);
        for (var i = 0; i < 5; i++)
        {
            await Eventually.TrueAsync(() => _source.Watching, "watch open", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(100)));
            _source.CloseWatch();
        }

        Assert.All(_source.WatchRequests, r => Assert.InRange(r.Timeout, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task Run_ListFailsRepeatedly_BacksOffExponentiallyThenSyncs()
    {
        for (var i = 0; i < 4; i++)
        {
            _source.ListFaults.Enqueue(new HttpRequestException("refused (injected)"));
        }

        var informer = new Informer<V1ConfigMap>(_source, ResourceTypes.ConfigMap, s_options, _time);
        await informer.StartAsync(_stop.Token);
        await Eventually.TrueAsync(() => _source.ListRequests.Count == 1, "first list");
        var elapsed = TimeSpan.Zero;
        var gaps = new List<TimeSpan>();
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            var before = elapsed;
            while (_source.ListRequests.Count < attempt)
            {
                _time.Advance(TimeSpan.FromMilliseconds(50));
                elapsed += TimeSpan.FromMilliseconds(50);
                await Task.Delay(2);
            }

            gaps.Add(elapsed - before);
        }

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        // 500 ms doubling with ±50% jitter: 250-750, 500-1500, 1000-3000, 2000-6000 (plus one 50 ms step).
        Assert.InRange(gaps[0].TotalMilliseconds, 250, 800);
        Assert.InRange(gaps[3].TotalMilliseconds, 2000, 6050);
        Assert.True(informer.HasSynced);
    }

    [Fact]
    public async Task Run_QuietWatchCutRepeatedly_RewatchesAfterTheFirstBackoffStepEveryTime()
    {
        await StartAsync(s_options);
        var gaps = new List<TimeSpan>();
        for (var cut = 0; cut < 8; cut++)
        {
            // Answered and quiet (it delivers nothing), then cut as a proxy or a load balancer cuts it.
            await Eventually.TrueAsync(() => _source.Watching, "watch open", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(50)));
            var watches = _source.WatchRequests.Count;
            _source.BreakWatch();
            var waited = TimeSpan.Zero;
            while (_source.WatchRequests.Count == watches)
            {
                _time.Advance(TimeSpan.FromMilliseconds(50));
                waited += TimeSpan.FromMilliseconds(50);
                await Task.Delay(2);
            }

            gaps.Add(waited);
        }

        // Each cut is a first failure (250-750 ms with jitter), not the 8th in a row (up to 48 s).
        Assert.All(gaps, gap => Assert.InRange(gap.TotalMilliseconds, 250, 800));
    }

    [Fact]
    public async Task Run_WatchRefusedAtOnceRepeatedly_BacksOffExponentially()
    {
        var informer = await StartAsync(s_options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(50)));
        for (var i = 0; i < 4; i++)
        {
            _source.WatchFaults.Enqueue(new HttpRequestException("refused (injected)"));
        }

        var watches = _source.WatchRequests.Count;
        _source.BreakWatch();
        var elapsed = TimeSpan.Zero;
        while (!_source.Watching || _source.WatchRequests.Count < watches + 1)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            elapsed += TimeSpan.FromMilliseconds(50);
            await Task.Delay(2);
        }

        // The cut (a first failure) and then four refusals, doubling: at least
        // 250 + 500 + 1,000 + 2,000 + 4,000 ms with the jitter's lowest draws.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(7750), $"re-watched after {elapsed.TotalMilliseconds} ms");
        Assert.True(informer.HasSynced);
    }

    [Fact]
    public async Task Run_WatchClosedRepeatedly_MissesNothing()
    {
        var informer = await StartAsync(s_options);
        for (var i = 0; i < 50; i++)
        {
            await Eventually.TrueAsync(() => _source.Watching, "watch open", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(100)));
            _source.Put(Objects.ConfigMap($"cm-{i}"));
            if (i % 2 == 0)
            {
                _source.CloseWatch();
            }
            else
            {
                _source.BreakWatch();
            }
        }

        await Eventually.TrueAsync(() => informer.Store.Count == 50, "all 50 cached", betweenPolls: () => _time.Advance(TimeSpan.FromMilliseconds(100)));
        Assert.Single(_source.ListRequests);
    }

    [Fact]
    public async Task Subscribe_AfterSync_ReplaysCachedObjectsAsAdds()
    {
        _source.Put(Objects.ConfigMap("a"));
        _source.Put(Objects.ConfigMap("b"));
        var informer = await StartAsync(s_options);

        var late = new List<string>();
        using var subscription = informer.Subscribe(e => late.Add($"{e.Type} {e.Object.Metadata.Name}"));

        Assert.Equal(["Added a", "Added b"], late.Order());
    }

    [Fact]
    public async Task Store_StripsManagedFields()
    {
        var withFields = Objects.ConfigMap("a");
        withFields.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }];
        _source.Put(withFields);

        var informer = await StartAsync(s_options);

        Assert.Null(informer.Store.Get(new ObjectKey("default", "a"))!.Metadata.ManagedFields);
    }

    [Fact]
    public void IsCompleteFor_LabelSelectedInformer_CompleteForItsOwnSelectorInWatchedNamespacesOnly()
    {
        var informer = new Informer<V1ConfigMap>(_source, ResourceTypes.ConfigMap, s_options with { Namespaces = ["default"], LabelSelector = "app=x" }, _time);

        Assert.False(informer.IsComplete("default"));
        Assert.True(informer.IsCompleteFor("default", "app=x"));
        Assert.False(informer.IsCompleteFor("default", "app=y"));
        Assert.False(informer.IsCompleteFor("other", "app=x"));
    }

    [Fact]
    public void IsCompleteFor_UnselectedInformer_CompleteForAnySelector()
    {
        var informer = new Informer<V1ConfigMap>(_source, ResourceTypes.ConfigMap, s_options, _time);

        Assert.True(informer.IsComplete("default"));
        Assert.True(informer.IsCompleteFor("default", "app=y"));
    }

    [Fact]
    public async Task Relist_ObjectTurnedUnreadable_LeavesTheCacheReportedOncePerVersionAndComesBack()
    {
        _source.Put(Objects.ConfigMap("a"));
        _source.Put(Objects.ConfigMap("b"));
        var informer = await StartAsync(s_options);
        var reported = new List<UndecodableObject>();
        informer.SubscribeUndecodable(u =>
        {
            lock (_eventsLock)
            {
                reported.Add(u);
            }
        });
        await Eventually.TrueAsync(() => _source.Watching, "watch open");
        var b = new ObjectKey("default", "b");

        var unreadable = _source.PutUndecodable(b, silently: true);
        await RelistAsync();

        Assert.Equal(["a"], informer.Store.List().Select(o => o.Metadata.Name));
        Assert.Equal((ResourceEventType.Deleted, "b"), (Events()[^1].Type, Events()[^1].Object.Metadata.Name));
        Assert.Equal([unreadable], Reported());
        Assert.Equal(unreadable, informer.GetUndecodable(b));

        await RelistAsync();
        Assert.Equal([unreadable], Reported());

        _source.Put(Objects.ConfigMap("b", value: "2"), silently: true);
        await RelistAsync();

        Assert.Equal(["a", "b"], informer.Store.List().Select(o => o.Metadata.Name).Order());
        Assert.Equal((ResourceEventType.Added, "b"), (Events()[^1].Type, Events()[^1].Object.Metadata.Name));
        Assert.Null(informer.GetUndecodable(b));
        Assert.Empty(informer.Undecodable);

        List<UndecodableObject> Reported()
        {
            lock (_eventsLock)
            {
                return [.. reported];
            }
        }
    }

    /// <summary>Expires the open watch and waits until the informer listed again and watches.</summary>
    private async Task RelistAsync()
    {
        var lists = _source.ListRequests.Count;
        _source.SendError(410);
        await Eventually.TrueAsync(() => _source.ListRequests.Count > lists && _source.Watching, "relisted and watching");
    }

    [Fact]
    public async Task TakeWritten_CacheHoldsTheReplacedVersion_TakenAtOnceAndItsEchoNotDispatchedAgain()
    {
        var key = new ObjectKey("default", "a");
        _source.Put(Objects.ConfigMap("a", value: "1"));
        var informer = await StartAsync(s_options);
        await Eventually.TrueAsync(() => _source.Watching, "watch open");
        var replaced = informer.Store.Get(key)!.Metadata.ResourceVersion;

        // The operator's write: the server holds the new version, whose watch event has not come yet.
        var written = Objects.ConfigMap("a", value: "2");
        _source.Put(written, silently: true);
        Assert.True(informer.TakeWritten(KubernetesJson.Deserialize<V1ConfigMap>(KubernetesJson.Serialize(written)), replaced));

        Assert.Equal("2", informer.Store.Get(key)!.Data["value"]);
        var update = Assert.Single(Events(), e => e.Type == ResourceEventType.Updated);
        Assert.Equal("1", update.OldObject!.Data["value"]);

        // The echo, then a sentinel: by the sentinel's event the echo has been handled, and dispatched nothing.
        _source.Echo(key);
        _source.Put(Objects.ConfigMap("sentinel"));
        await Eventually.TrueAsync(() => Events().Any(e => e.Object.Metadata.Name == "sentinel"), "sentinel seen");
        Assert.Single(Events(), e => e.Type == ResourceEventType.Updated);

        // Later versions are dispatched as usual.
        _source.Put(Objects.ConfigMap("a", value: "3"));
        await Eventually.TrueAsync(() => Events().Count(e => e.Type == ResourceEventType.Updated) == 2, "the next update dispatched");
        Assert.Equal("3", informer.Store.Get(key)!.Data["value"]);
    }

    [Theory]
    [InlineData("another version", "a", "uid-default-a")]
    [InlineData("the cached version", "absent", "uid-default-absent")]
    [InlineData("the cached version", "a", "uid-of-a-successor")]
    public async Task TakeWritten_NotTheDirectSuccessorOfTheCachedVersion_Dropped(string replaced, string name, string uid)
    {
        _source.Put(Objects.ConfigMap("a", value: "1"));
        var informer = await StartAsync(s_options);
        var cached = informer.Store.Get(new ObjectKey("default", "a"))!;
        var written = Objects.ConfigMap(name, value: "2");
        written.Metadata.Uid = uid;
        written.Metadata.ResourceVersion = "999";

        Assert.False(informer.TakeWritten(written, replaced == "another version" ? "1" : cached.Metadata.ResourceVersion));

        Assert.Equal("1", informer.Store.Get(new ObjectKey("default", "a"))!.Data["value"]);
        Assert.Null(informer.Store.Get(new ObjectKey("default", "absent")));
        Assert.DoesNotContain(Events(), e => e.Type == ResourceEventType.Updated);
    }

    [Fact]
    public async Task Transform_ListedInPagesAndWatched_EachObjectTrimmedOnceBeforeTheNextPageIsRequested()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            _source.Put(Objects.ConfigMap(name, value: "big"));
        }

        var calls = new List<(string Name, int ListRequests)>();
        var informer = await StartAsync(s_options with
        {
            Transform = o =>
            {
                var map = (V1ConfigMap)o;
                lock (calls)
                {
                    calls.Add((map.Metadata.Name, _source.ListRequests.Count));
                }

                map.Data = null;
            },
        });
        await Eventually.TrueAsync(() => _source.Watching, "watch open");
        _source.Put(Objects.ConfigMap("f", value: "big"));
        await Eventually.TrueAsync(() => informer.Store.Count == 6, "the watched object cached");

        Assert.All(informer.Store.List(), o => Assert.Null(o.Data));
        Assert.All(Events(), e => Assert.Null(e.Object.Data));
        List<(string, int)> expected = [("a", 1), ("b", 1), ("c", 2), ("d", 2), ("e", 3), ("f", 3)];
        lock (calls)
        {
            Assert.Equal(expected, calls);
        }
    }

    [Fact]
    public async Task Transform_Throws_ObjectCachedUntrimmedAndTheListCompletes()
    {
        _source.Put(Objects.ConfigMap("a", value: "1"));
        _source.Put(Objects.ConfigMap("b", value: "2"));

        var informer = await StartAsync(s_options with
        {
            Transform = o =>
            {
                if (o.Metadata.Name == "a")
                {
                    throw new InvalidOperationException("a bug in a transform");
                }

                ((V1ConfigMap)o).Data = null;
            },
        });

        Assert.Equal("1", informer.Store.Get(new ObjectKey("default", "a"))!.Data["value"]);
        Assert.Null(informer.Store.Get(new ObjectKey("default", "b"))!.Data);
    }

    private async Task<Informer<V1ConfigMap>> StartAsync(InformerOptions options)
    {
        var informer = new Informer<V1ConfigMap>(_source, ResourceTypes.ConfigMap, options, _time);
        informer.Subscribe(e =>
        {
            lock (_eventsLock)
            {
                _events.Add(e);
            }
        });
        await informer.StartAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        return informer;
    }

    private List<ResourceEvent<V1ConfigMap>> Events()
    {
        lock (_eventsLock)
        {
            return [.. _events];
        }
    }
}
