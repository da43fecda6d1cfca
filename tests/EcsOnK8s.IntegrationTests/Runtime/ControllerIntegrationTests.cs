using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Prometheus;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Runtime;

[Collection(KubeCollection.Name)]
public sealed class ControllerIntegrationTests : IDisposable
{
    private readonly KubeFixture _fixture;
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly Kubernetes _client;
    private readonly KubernetesRestClient _rest;
    private readonly CancellationTokenSource _stop = new();

    public ControllerIntegrationTests(KubeFixture fixture)
    {
        _fixture = fixture;
        _client = KubernetesClientFactory.Create(fixture.Config, _metrics);
        _rest = new KubernetesRestClient(_client);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _client.Dispose();
    }

    [Fact]
    public async Task Controller_ChildDeletedOrEditedByHand_Restored()
    {
        var ns = await _fixture.CreateNamespaceAsync("controller-restore");
        var informers = new InformerFactory(_rest, new InformerOptions { Namespaces = [ns] }, metrics: _metrics);
        var applier = new ChildApplier(_rest, informers);
        var builder = new ControllerBuilder<V1ConfigMap>("parents", informers);
        using var controller = builder.Owns<V1ConfigMap>().Build(new ChildConfigMapReconciler(builder.Informer.Store, applier));
        await controller.StartInformersAsync(_stop.Token);
        _ = controller.RunWorkersAsync(_stop.Token);

        await _fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(Parent("web", "1"), ns);
        var child = await WaitForChildAsync(ns, "web-child", c => c.Data?["v"] == "1");
        Assert.Equal("web", child.Metadata.OwnerReferences.Single(r => r.Controller == true).Name);
        Assert.Equal("ecsonk8s", child.Metadata.Labels["app.kubernetes.io/managed-by"]);

        await _fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("web-child", ns);
        await WaitForChildAsync(ns, "web-child", c => c.Data?["v"] == "1");

        await _fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"v\":\"edited\"}}", V1Patch.PatchType.MergePatch), "web-child", ns);
        await WaitForChildAsync(ns, "web-child", c => c.Data?["v"] == "1");

        await _fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"v\":\"2\"}}", V1Patch.PatchType.MergePatch), "web", ns);
        await WaitForChildAsync(ns, "web-child", c => c.Data?["v"] == "2");

        // Converged: nothing changes, so nothing is written however often the parent is reconciled.
        await IdleAsync(controller);
        var writes = _metrics.MutatingRequests();
        var reconciles = Reconciles(controller);
        controller.Enqueue(new ObjectKey(ns, "web"));
        await Eventually.TrueAsync(() => Reconciles(controller) > reconciles, "the enqueued reconcile", poll: TimeSpan.FromMilliseconds(20));
        await IdleAsync(controller);
        Assert.Equal(writes, _metrics.MutatingRequests());
    }

    [Fact]
    public async Task Apply_SameObjectTwice_SecondSendsNoRequest()
    {
        var ns = await _fixture.CreateNamespaceAsync("apply-twice");
        var owner = await _fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(Parent("owner", "1"), ns);
        var applier = new ChildApplier(_rest);
        var desired = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "child" }, Data = new Dictionary<string, string> { ["k"] = "v" } };

        var first = await applier.ApplyAsync(desired, owner, CancellationToken.None);
        var requestsAfterFirst = _metrics.ApiRequests.GetAllLabelValues().Sum(l => _metrics.ApiRequests.WithLabels(l).Value);
        var writesAfterFirst = _metrics.MutatingRequests();
        var second = await applier.ApplyAsync(desired, owner, CancellationToken.None);

        Assert.True(first.Written);
        Assert.False(second.Written);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(writesAfterFirst, _metrics.MutatingRequests());
        Assert.Equal(requestsAfterFirst + 1, _metrics.ApiRequests.GetAllLabelValues().Sum(l => _metrics.ApiRequests.WithLabels(l).Value));
        var live = await _fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns);
        Assert.Equal(first.Hash, live.Metadata.Annotations["ecsonk8s.io/desired-hash"]);
        Assert.Contains(live.Metadata.ManagedFields, f => f.Manager == "ecsonk8s-operator" && f.Operation == "Apply");

        desired.Data["k"] = "changed";
        Assert.True((await applier.ApplyAsync(desired, owner, CancellationToken.None)).Written);
    }

    [Fact]
    public async Task Prune_ChildNoLongerDesired_DeletedOthersKept()
    {
        var ns = await _fixture.CreateNamespaceAsync("prune");
        var owner = await _fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(Parent("owner", "1"), ns);
        var other = await _fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(Parent("other", "1"), ns);
        var applier = new ChildApplier(_rest);
        V1ConfigMap Desired(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };
        await applier.ApplyAsync(Desired("keep"), owner, CancellationToken.None);
        await applier.ApplyAsync(Desired("drop"), owner, CancellationToken.None);
        await applier.ApplyAsync(Desired("foreign"), other, CancellationToken.None);

        var pruned = await applier.PruneAsync(owner, [ResourceTypes.ConfigMap], [Desired("keep")], CancellationToken.None);

        Assert.Equal(1, pruned);
        var names = (await _fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items
            .Where(c => c.Metadata.DeletionTimestamp is null).Select(c => c.Metadata.Name).ToHashSet();
        Assert.Contains("keep", names);
        Assert.Contains("foreign", names);
        Assert.DoesNotContain("drop", names);
    }

    [Fact]
    public async Task Discovery_LocalControlPlane_Reports120Capabilities()
    {
        using var discovery = new EcsOnK8s.Runtime.Discovery.ClusterCapabilitiesDiscovery(_rest);

        var capabilities = await discovery.GetAsync(CancellationToken.None);

        Assert.Same(capabilities, await discovery.GetAsync(CancellationToken.None));
        Assert.False(capabilities.ExternalSecretsInstalled);
        if (_fixture.Backend == KubeBackend.Local)
        {
            Assert.Equal(20, capabilities.Minor);
            Assert.Equal("autoscaling/v2beta2", capabilities.HorizontalPodAutoscalerApiVersion);
            Assert.Equal("batch/v1beta1", capabilities.CronJobApiVersion);
            Assert.Equal("policy/v1beta1", capabilities.PodDisruptionBudgetApiVersion);
            var rendering = EcsOnK8s.Controllers.Common.CapabilitiesMapping.ToTranslation(capabilities);
            Assert.False(rendering.NativeSidecars);
            Assert.False(rendering.CronJobTimeZone);
        }
    }

    private static V1ConfigMap Parent(string name, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [ChildConfigMapReconciler.ParentLabel] = "true" } },
        Data = new Dictionary<string, string> { ["v"] = value },
    };

    private async Task<V1ConfigMap> WaitForChildAsync(string ns, string name, Func<V1ConfigMap, bool> condition) =>
        (await Eventually.ValueAsync(
            () => ReadIfExistsAsync(ns, name),
            child => child is not null && child.Metadata.DeletionTimestamp is null && condition(child),
            $"{ns}/{name} to reach the expected state",
            poll: TimeSpan.FromMilliseconds(50)))!;

    private async Task<V1ConfigMap?> ReadIfExistsAsync(string ns, string name)
    {
        try
        {
            return await _fixture.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private double Reconciles(Controller<V1ConfigMap> controller) => _metrics.ReconcileDuration.WithLabels(controller.Name).Count;

    /// <summary>
    /// A barrier before "nothing is written": nothing is queued or waiting, and every key a worker took has been
    /// marked done (as many hand-outs as finished work items).
    /// </summary>
    private Task IdleAsync(Controller<V1ConfigMap> controller) => Eventually.TrueAsync(
        () => controller.Queue.Count == 0
            && controller.Queue.DelayedCount == 0
            && _metrics.QueueLatency.WithLabels(controller.Queue.Name).Count == _metrics.WorkDuration.WithLabels(controller.Queue.Name).Count,
        "the controller idle",
        poll: TimeSpan.FromMilliseconds(20));
}
