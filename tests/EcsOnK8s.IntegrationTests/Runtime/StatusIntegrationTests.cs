using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Prometheus;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Runtime;

[Collection(KubeCollection.Name)]
public sealed class StatusIntegrationTests : IDisposable
{
    private readonly KubeFixture _fixture;
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly Kubernetes _client;
    private readonly KubernetesRestClient _rest;

    public StatusIntegrationTests(KubeFixture fixture)
    {
        _fixture = fixture;
        _client = KubernetesClientFactory.Create(fixture.Config, _metrics);
        _rest = new KubernetesRestClient(_client);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task UpdateStatus_ChangedThenUnchanged_WritesOnceThroughStatusSubresource()
    {
        var ns = await _fixture.CreateNamespaceAsync("status");
        var type = ResourceType.For<EcsCluster>();
        var created = new EcsCluster { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = ns } };
        await _fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(created, type.Group, type.Version, ns, type.Plural);
        var live = (await _rest.GetAsync<EcsCluster>(type.ObjectPath(new ObjectKey(ns, "default")), CancellationToken.None))!;
        var applier = new ChildApplier(_rest);

        live.Status = new EcsClusterStatus { Status = "ACTIVE", ObservedGeneration = live.Metadata.Generation, ActiveServicesCount = 2 };
        live.Spec.GpuResourceName = "example.com/ignored-by-status";
        Assert.True(await applier.UpdateStatusAsync(live, CancellationToken.None));

        var writes = _metrics.MutatingRequests();
        Assert.False(await applier.UpdateStatusAsync(live, CancellationToken.None));
        Assert.Equal(writes, _metrics.MutatingRequests());

        var stored = (await _rest.GetAsync<EcsCluster>(type.ObjectPath(new ObjectKey(ns, "default")), CancellationToken.None))!;
        Assert.Equal("ACTIVE", stored.Status.Status);
        Assert.Equal(2, stored.Status.ActiveServicesCount);
        Assert.Null(stored.Spec.GpuResourceName);
    }

    [Fact]
    public async Task UpdateStatus_StaleCachedCopy_RetriesOnConflictAndWrites()
    {
        var ns = await _fixture.CreateNamespaceAsync("status-conflict");
        var type = ResourceType.For<EcsCluster>();
        var key = new ObjectKey(ns, "default");
        await CreateClusterAsync(ns);
        var informers = new InformerFactory(_rest, new InformerOptions { Namespaces = [ns] });
        var informer = informers.Get<EcsCluster>();
        using var stop = new CancellationTokenSource();
        await informer.StartAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var applier = new ChildApplier(_rest, informers);

        // Someone else writes the object after our cache saw it; our cached resourceVersion is now stale. The
        // informer stops first, so it cannot catch up with that write.
        var cached = informer.Store.Get(key)!;
        var staleVersion = cached.Metadata.ResourceVersion;
        await stop.CancelAsync();
        await informer.Completion;
        await TouchClusterAsync(ns);
        Assert.Equal(staleVersion, informer.Store.Get(key)!.Metadata.ResourceVersion);

        var desired = KubernetesJson.Deserialize<EcsCluster>(KubernetesJson.Serialize(cached));
        desired.Status = new EcsClusterStatus { Status = "ACTIVE" };
        Assert.True(await applier.UpdateStatusAsync(desired, CancellationToken.None));

        Assert.Equal(1, _metrics.ApiRequests.WithLabels("PUT", "409").Value);
        var stored = (await _rest.GetAsync<EcsCluster>(type.ObjectPath(key), CancellationToken.None))!;
        Assert.Equal("ACTIVE", stored.Status.Status);
        Assert.Equal("yes", stored.Metadata.Labels["touched"]);
    }

    [Fact]
    public async Task ReplaceStatus_StaleCopyThenEqualStatus_OneConflictOneWriteThenNothing()
    {
        var ns = await _fixture.CreateNamespaceAsync("status-replace");
        var type = ResourceType.For<EcsCluster>();
        var key = new ObjectKey(ns, "default");
        await CreateClusterAsync(ns);
        var stale = (await _rest.GetAsync<EcsCluster>(type.ObjectPath(key), CancellationToken.None))!;
        await TouchClusterAsync(ns);
        var applier = new ChildApplier(_rest);
        var staleVersion = stale.Metadata.ResourceVersion;

        Assert.True(await applier.ReplaceStatusAsync(stale, new EcsClusterStatus { Status = "ACTIVE", ActiveServicesCount = 3 }, CancellationToken.None));
        Assert.Equal(1, _metrics.ApiRequests.WithLabels("PUT", "409").Value);
        Assert.Equal(staleVersion, stale.Metadata.ResourceVersion);
        Assert.Null(stale.Status);

        var live = (await _rest.GetAsync<EcsCluster>(type.ObjectPath(key), CancellationToken.None))!;
        Assert.Equal(3, live.Status.ActiveServicesCount);
        Assert.Equal("yes", live.Metadata.Labels["touched"]);
        var writes = _metrics.MutatingRequests();
        Assert.False(await applier.ReplaceStatusAsync(live, new EcsClusterStatus { Status = "ACTIVE", ActiveServicesCount = 3 }, CancellationToken.None));
        Assert.Equal(writes, _metrics.MutatingRequests());
    }

    [Fact]
    public async Task ReplaceStatus_EchoNotYetSeen_CacheHoldsTheWrittenStatusAndTheSameStatusSendsNothing()
    {
        var ns = await _fixture.CreateNamespaceAsync("status-write-through");
        var key = new ObjectKey(ns, "default");
        await CreateClusterAsync(ns);
        var informers = new InformerFactory(_rest, new InformerOptions { Namespaces = [ns] });
        var informer = informers.Get<EcsCluster>();
        using var stop = new CancellationTokenSource();
        await informer.StartAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        // As the operator wires it: the resources' informers apart from the children's.
        var applier = new ChildApplier(_rest, new InformerFactory(_rest, new InformerOptions { Namespaces = [ns], LabelSelector = "x=y" }), resources: informers);

        // The watch stops, so the write's echo never arrives: what the cache holds next came from the write's answer.
        await stop.CancelAsync();
        await informer.Completion;
        var status = new EcsClusterStatus { Status = "ACTIVE", ActiveServicesCount = 4 };
        Assert.True(await applier.ReplaceStatusAsync(informer.Store.Get(key)!, status, CancellationToken.None));
        var cached = informer.Store.Get(key)!;
        Assert.Equal(4, cached.Status.ActiveServicesCount);
        var live = (await _rest.GetAsync<EcsCluster>(ResourceType.For<EcsCluster>().ObjectPath(key), CancellationToken.None))!;
        Assert.Equal(live.Metadata.ResourceVersion, cached.Metadata.ResourceVersion);

        // A reconcile that computes the same status from the cache writes nothing (before: a PUT refused with 409).
        var writes = _metrics.MutatingRequests();
        Assert.False(await applier.ReplaceStatusAsync(cached, new EcsClusterStatus { Status = "ACTIVE", ActiveServicesCount = 4 }, CancellationToken.None));
        Assert.Equal(writes, _metrics.MutatingRequests());
        Assert.Equal(0, _metrics.ApiRequests.WithLabels("PUT", "409").Value);
    }

    private Task<object> CreateClusterAsync(string ns)
    {
        var type = ResourceType.For<EcsCluster>();
        return _fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new EcsCluster { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = ns } }, type.Group, type.Version, ns, type.Plural);
    }

    /// <summary>Someone else's write (a label): a copy read before it is stale.</summary>
    private Task<object> TouchClusterAsync(string ns)
    {
        var type = ResourceType.For<EcsCluster>();
        return _fixture.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}", V1Patch.PatchType.MergePatch), type.Group, type.Version, ns, type.Plural, "default");
    }
}
