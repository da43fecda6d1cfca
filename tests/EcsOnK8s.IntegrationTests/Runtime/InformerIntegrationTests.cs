using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Prometheus;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Runtime;

[Collection(KubeCollection.Name)]
public sealed class InformerIntegrationTests : IDisposable
{
    private readonly KubeFixture _fixture;
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly WatchChaosHandler _chaos = new();
    private readonly Kubernetes _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _eventsLock = new();
    private readonly List<(ResourceEventType Type, string Name)> _events = [];

    public InformerIntegrationTests(KubeFixture fixture)
    {
        _fixture = fixture;
        _client = KubernetesClientFactory.Create(fixture.Config, _metrics, _chaos);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task Informer_CreateUpdateDelete_CacheAndEventsFollow()
    {
        var ns = await _fixture.CreateNamespaceAsync("informer-crud");
        await CreateAsync(ns, "before");
        var informer = await StartAsync(ns, new InformerOptions());

        await CreateAsync(ns, "a");
        await _fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"v\":\"2\"}}", V1Patch.PatchType.MergePatch), "a", ns);
        await _fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("before", ns);

        await WaitAsync(() => informer.Store.Get(new ObjectKey(ns, "a"))?.Data?["v"] == "2" && informer.Store.Count == 1, "cache follows");
        Assert.Equal(
            [(ResourceEventType.Added, "before"), (ResourceEventType.Added, "a"), (ResourceEventType.Updated, "a"), (ResourceEventType.Deleted, "before")],
            Events());
    }

    [Fact]
    public async Task Informer_ServerEndsWatchesEverySecond_MissesNothing()
    {
        var ns = await _fixture.CreateNamespaceAsync("informer-timeout");
        var informer = await StartAsync(ns, new InformerOptions { MinWatchTimeout = TimeSpan.FromSeconds(1), MaxWatchTimeout = TimeSpan.FromSeconds(1) });

        for (var i = 0; i < 40; i++)
        {
            await CreateAsync(ns, $"cm-{i}");
            await Task.Delay(100);
        }

        await WaitAsync(() => informer.Store.Count == 40, "all 40 cached");
        Assert.True(_chaos.WatchesStarted >= 3, $"only {_chaos.WatchesStarted} watches");
        Assert.Equal(1, _metrics.Relists.WithLabels("configmaps", "initial").Value);
        Assert.Equal(40, Events().Count(e => e.Type == ResourceEventType.Added));
    }

    [Fact]
    public async Task Informer_ConnectionsCut_ReconnectsAndMissesNothing()
    {
        var ns = await _fixture.CreateNamespaceAsync("informer-cut");
        var informer = await StartAsync(ns, Fast);

        for (var round = 0; round < 5; round++)
        {
            await WaitAsync(() => _chaos.WatchesStarted > round, "watch open");
            _chaos.CutAll();
            await CreateAsync(ns, $"cm-{round}");
        }

        await WaitAsync(() => informer.Store.Count == 5, "all 5 cached");
        Assert.Equal(1, _metrics.Relists.WithLabels("configmaps", "initial").Value);
        Assert.True(_metrics.WatchRestarts.WithLabels("configmaps", "error").Value >= 5);
    }

    [Fact]
    public async Task Informer_EtcdCompactedWhileDisconnected_RelistsAndEmitsDeletes()
    {
        // Events: the one resource the API server does not keep in its watch cache, so a watch resumes straight from
        // etcd and meets the compaction, as every resource does once its watch cache has moved on.
        var etcd = EtcdCompactor.Endpoint(_fixture);
        if (etcd is null)
        {
            // Other backends (k3s, an existing cluster) give no access to etcd; the unit tests cover the 410 handling.
            return;
        }

        var ns = await _fixture.CreateNamespaceAsync("informer-compact");
        await CreateEventAsync(ns, "a");
        await CreateEventAsync(ns, "b");
        await CreateEventAsync(ns, "c");
        var source = new KubernetesListWatchSource<Corev1Event>(new KubernetesRestClient(_client), ResourceTypes.Event);
        var informer = new Informer<Corev1Event>(source, ResourceTypes.Event, Fast with { Namespaces = [ns] }, metrics: _metrics);
        var events = new List<(ResourceEventType Type, string Name)>();
        informer.Subscribe(e =>
        {
            lock (events)
            {
                events.Add((e.Type, e.Object.Metadata.Name));
            }
        });
        await informer.StartAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await WaitAsync(() => _chaos.WatchesStarted >= 1, "watch open");

        _chaos.Blocked = true;
        _chaos.CutAll();
        await _fixture.Client.CoreV1.DeleteNamespacedEventAsync("b", ns);
        await CreateEventAsync(ns, "d");
        await _fixture.Client.CoreV1.PatchNamespacedEventAsync(new V1Patch("{\"message\":\"changed\"}", V1Patch.PatchType.MergePatch), "c", ns);
        await EtcdCompactor.CompactAsync(etcd!);
        _chaos.Blocked = false;

        await WaitAsync(() => informer.Store.Count == 3 && informer.Store.Get(new ObjectKey(ns, "c"))?.Message == "changed", "relisted");
        Assert.Equal(["a", "c", "d"], informer.Store.List().Select(o => o.Metadata.Name).Order());
        Assert.Equal(1, _metrics.Relists.WithLabels("events", "expired").Value);
        List<(ResourceEventType Type, string Name)> afterRelist;
        lock (events)
        {
            afterRelist = [.. events.Skip(3).Order()];
        }

        Assert.Equal([(ResourceEventType.Added, "d"), (ResourceEventType.Updated, "c"), (ResourceEventType.Deleted, "b")], afterRelist);

        await CreateEventAsync(ns, "e");
        await WaitAsync(() => informer.Store.Count == 4, "watching again after the relist");
    }

    private static InformerOptions Fast => new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) };

    private async Task<Informer<V1ConfigMap>> StartAsync(string ns, InformerOptions options)
    {
        var source = new KubernetesListWatchSource<V1ConfigMap>(new KubernetesRestClient(_client), ResourceTypes.ConfigMap);
        var informer = new Informer<V1ConfigMap>(source, ResourceTypes.ConfigMap, options with { Namespaces = [ns] }, metrics: _metrics);
        informer.Subscribe(e =>
        {
            lock (_eventsLock)
            {
                _events.Add((e.Type, e.Object.Metadata.Name));
            }
        });
        await informer.StartAsync(_stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return informer;
    }

    private Task<V1ConfigMap> CreateAsync(string ns, string name) =>
        _fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["v"] = "1" } }, ns);

    private Task<Corev1Event> CreateEventAsync(string ns, string name) =>
        _fixture.Client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                InvolvedObject = new V1ObjectReference { Kind = "ConfigMap", Name = "anything", NamespaceProperty = ns, ApiVersion = "v1" },
                Reason = "Test",
                Message = "original",
                Type = "Normal",
            },
            ns);

    private List<(ResourceEventType Type, string Name)> Events()
    {
        lock (_eventsLock)
        {
            return [.. _events];
        }
    }

    private static Task WaitAsync(Func<bool> condition, string what) => Eventually.TrueAsync(condition, what, poll: TimeSpan.FromMilliseconds(20));
}
