using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
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

/// <summary>
/// A child missing from a cache that selects on the managed-by label is applied with a create-only apply: a new child
/// costs one request (no GET answered 404), and an object of that name that EcsOnK8s did not write still refuses it.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class CreateOnlyApplyIntegrationTests : IDisposable
{
    private const string ManagedBy = "app.kubernetes.io/managed-by=ecsonk8s";

    private readonly KubeFixture _fixture;
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly Kubernetes _client;
    private readonly KubernetesRestClient _rest;

    public CreateOnlyApplyIntegrationTests(KubeFixture fixture)
    {
        _fixture = fixture;
        _client = KubernetesClientFactory.Create(fixture.Config, _metrics);
        _rest = new KubernetesRestClient(_client);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Apply_NewChildMissingFromTheLabelledCache_OneRequestCreatesItWithTheApplyEntry()
    {
        var ns = await _fixture.CreateNamespaceAsync("create-only-new");
        var owner = await CreateOwnerAsync(ns);
        using var stop = new CancellationTokenSource();
        var (applier, informer) = await StartAsync(ns, stop.Token);
        var before = Requests();

        var result = await applier.ApplyAsync(Child("first"), owner, CancellationToken.None);

        Assert.True(result.Written);
        Assert.Equal(("PATCH 201", 1), Assert.Single(Since(before)));
        var live = await _fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns);
        Assert.Equal("first", live.Data["by"]);
        Assert.Equal(owner.Metadata.Uid, Assert.Single(live.Metadata.OwnerReferences).Uid);
        var entry = Assert.Single(live.Metadata.ManagedFields);
        Assert.Equal((new ApplierOptions().FieldManager, "Apply"), (entry.Manager, entry.Operation));

        // Once the watch has brought it, the same child is current: nothing sent.
        await Eventually.TrueAsync(() => informer.Store.Get(new ObjectKey(ns, "child")) is not null, "the child in the cache");
        var cached = Requests();
        Assert.False((await applier.ApplyAsync(Child("first"), owner, CancellationToken.None)).Written);
        Assert.Empty(Since(cached));

        // A changed child in the cache is applied as before, with no precondition.
        var changed = await applier.ApplyAsync(Child("second"), owner, CancellationToken.None);
        Assert.True(changed.Written);
        Assert.Equal("second", (await _fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns)).Data["by"]);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Apply_NewCoreService_ReadFirstBecauseItsStorageRefusesACreateOnlyApply()
    {
        // The core Service's registry creates through a plain create, which refuses any resourceVersion (500).
        var ns = await _fixture.CreateNamespaceAsync("create-only-service");
        var owner = await CreateOwnerAsync(ns);
        using var stop = new CancellationTokenSource();
        var informers = new InformerFactory(_rest, new InformerOptions { Namespaces = [ns], LabelSelector = ManagedBy });
        var informer = informers.Get<V1Service>();
        await informer.StartAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        var applier = new ChildApplier(_rest, informers);
        var before = Requests();

        var result = await applier.ApplyAsync(
            new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }] },
            },
            owner,
            CancellationToken.None);

        Assert.True(result.Written);
        Assert.Equal([("GET 404", 1), ("PATCH 201", 1)], Since(before));
        await stop.CancelAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Apply_ObjectOfTheNameNotWrittenByEcsOnK8s_RefusedAndUntouched(bool withOwner)
    {
        var ns = await _fixture.CreateNamespaceAsync("create-only-foreign");
        var owner = await CreateOwnerAsync(ns);
        var foreign = await _fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "child" }, Data = new Dictionary<string, string> { ["by"] = "someone" } }, ns);
        using var stop = new CancellationTokenSource();
        var (applier, _) = await StartAsync(ns, stop.Token);
        var before = Requests();

        var conflict = await Assert.ThrowsAsync<ChildOwnershipConflictException>(
            () => applier.ApplyAsync(Child("operator", withOwner ? null : ns), withOwner ? owner : null, CancellationToken.None));

        Assert.Contains("not managed by EcsOnK8s", conflict.Message, StringComparison.Ordinal);
        Assert.Equal([("GET 200", 1), ("PATCH 409", 1)], Since(before));
        var after = await _fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns);
        Assert.Equal((foreign.Metadata.ResourceVersion, "someone"), (after.Metadata.ResourceVersion, after.Data["by"]));
        Assert.Null(after.Metadata.OwnerReferences);
        await stop.CancelAsync();
    }

    private async Task<(ChildApplier Applier, Informer<V1ConfigMap> Informer)> StartAsync(string ns, CancellationToken stop)
    {
        // As the operator wires its children's caches: only objects carrying the managed-by label.
        var informers = new InformerFactory(_rest, new InformerOptions { Namespaces = [ns], LabelSelector = ManagedBy });
        var informer = informers.Get<V1ConfigMap>();
        await informer.StartAsync(stop);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        return (new ChildApplier(_rest, informers), informer);
    }

    private Dictionary<string, double> Requests()
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var labels in _metrics.ApiRequests.GetAllLabelValues())
        {
            if (labels[0] is "GET" or "PATCH" or "POST" or "PUT" or "DELETE")
            {
                counts[$"{labels[0]} {labels[1]}"] = _metrics.ApiRequests.WithLabels(labels).Value;
            }
        }

        return counts;
    }

    /// <summary>Requests other than LIST/WATCH sent since <paramref name="before"/>, by verb and code, sorted.</summary>
    private (string Request, int Count)[] Since(Dictionary<string, double> before) =>
        [.. Requests()
            .Select(r => (r.Key, Count: (int)(r.Value - before.GetValueOrDefault(r.Key))))
            .Where(r => r.Count > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)];

    private async Task<EcsCluster> CreateOwnerAsync(string ns)
    {
        var type = ResourceType.For<EcsCluster>();
        await _fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new EcsCluster { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = ns } }, type.Group, type.Version, ns, type.Plural);
        return (await _rest.GetAsync<EcsCluster>(type.ObjectPath(new ObjectKey(ns, "default")), CancellationToken.None))!;
    }

    private static V1ConfigMap Child(string by, string? ns = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "child", NamespaceProperty = ns },
        Data = new Dictionary<string, string> { ["by"] = by },
    };
}
