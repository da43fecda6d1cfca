using EcsOnK8s.Api.V1Alpha1;
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
using Xunit;

namespace EcsOnK8s.IntegrationTests.Runtime;

/// <summary>
/// An owner deleted and created again under its name is another object: a reconcile still holding a copy of the
/// predecessor (a cache that has not caught up) neither writes the successor's status nor takes the successor's
/// children, while the successor takes over what the predecessor left behind.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class SuccessorIntegrationTests(KubeFixture fixture)
{
    private static readonly ResourceType s_owner = ResourceType.For<EcsCluster>();

    private readonly KubernetesRestClient _rest = new(fixture.Client);

    [Fact]
    public async Task ReplaceStatus_CopyOfThePredecessor_SuccessorKeepsItsStatus()
    {
        var ns = await fixture.CreateNamespaceAsync("successor-status");
        var predecessor = await CreateOwnerAsync(ns);
        var successor = await RecreateOwnerAsync(ns);
        var applier = new ChildApplier(_rest);

        Assert.False(await applier.ReplaceStatusAsync(predecessor, new EcsClusterStatus { Status = "ACTIVE", ActiveServicesCount = 7 }, CancellationToken.None));
        Assert.False(await applier.UpdateStatusAsync(WithStatus(predecessor, 8), CancellationToken.None));

        var live = await ReadOwnerAsync(ns);
        Assert.Equal(successor.Metadata.Uid, live.Metadata.Uid);
        Assert.Null(live.Status);
    }

    [Fact]
    public async Task Apply_CopyOfThePredecessor_SuccessorsChildLeftAlone()
    {
        var ns = await fixture.CreateNamespaceAsync("successor-child");
        var predecessor = await CreateOwnerAsync(ns);
        var successor = await RecreateOwnerAsync(ns);
        var applier = new ChildApplier(_rest);
        await applier.ApplyAsync(Child("successor"), successor, CancellationToken.None);
        var before = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns);

        var conflict = await Assert.ThrowsAsync<ChildOwnershipConflictException>(
            () => applier.ApplyAsync(Child("predecessor"), predecessor, CancellationToken.None));

        Assert.Equal(successor.Metadata.Uid, conflict.HolderUid);
        var after = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns);
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal("successor", after.Data["by"]);
        Assert.Equal(successor.Metadata.Uid, Assert.Single(after.Metadata.OwnerReferences).Uid);
    }

    [Fact]
    public async Task Apply_Successor_TakesOverThePredecessorsChild()
    {
        var ns = await fixture.CreateNamespaceAsync("successor-takeover");
        var predecessor = await CreateOwnerAsync(ns);
        var applier = new ChildApplier(_rest);
        await applier.ApplyAsync(Child("predecessor"), predecessor, CancellationToken.None);
        var successor = await RecreateOwnerAsync(ns);

        var result = await applier.ApplyAsync(Child("successor"), successor, CancellationToken.None);

        Assert.True(result.Written);
        var child = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns);
        Assert.Equal("successor", child.Data["by"]);
        Assert.Equal(successor.Metadata.Uid, Assert.Single(child.Metadata.OwnerReferences).Uid);
    }

    [Fact]
    public async Task Controller_RelistMeetsASuccessorAtTheSameGeneration_ReconcilesIt()
    {
        var ns = await fixture.CreateNamespaceAsync("successor-relist");
        var chaos = new WatchChaosHandler();
        using var client = KubernetesClientFactory.Create(fixture.Config, new RuntimeMetrics(Prometheus.Metrics.NewCustomRegistry()), chaos);
        var rest = new KubernetesRestClient(client);
        var informers = new InformerFactory(rest, new InformerOptions
        {
            Namespaces = [ns],
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
        });
        var builder = new ControllerBuilder<EcsCluster>("clusters", informers);
        var reconciler = new UidRecorder<EcsCluster>(builder.Informer.Store);
        using var controller = builder.Build(reconciler);
        using var stop = new CancellationTokenSource();
        await controller.StartInformersAsync(stop.Token);
        _ = controller.RunWorkersAsync(stop.Token);
        var predecessor = await CreateOwnerAsync(ns);
        await OperatorEventually(() => reconciler.Saw(predecessor.Metadata.Uid), "the predecessor reconciled");

        // Deleted and created again (same name, same generation 1) while the watch is down; when it comes back, the
        // server has moved past its resourceVersion, so the informer lists again and meets the successor in place.
        chaos.Blocked = true;
        chaos.CutAll();
        var successor = await RecreateOwnerAsync(ns);
        Assert.Equal(predecessor.Metadata.Generation, successor.Metadata.Generation);
        chaos.Expired = true;
        chaos.Blocked = false;
        await OperatorEventually(() => controller.Store.Get(new ObjectKey(ns, "default"))?.Metadata.Uid == successor.Metadata.Uid, "the relist");
        chaos.Expired = false;

        await OperatorEventually(() => reconciler.Saw(successor.Metadata.Uid), "the successor reconciled");
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Apply_ChildOfAnotherOwnerOrNotManaged_ThrowsAndWritesNothing()
    {
        var ns = await fixture.CreateNamespaceAsync("child-conflict");
        var holder = await CreateOwnerAsync(ns);
        var other = await CreateOwnerAsync(ns, "other");
        var applier = new ChildApplier(_rest);
        await applier.ApplyAsync(Child("holder"), holder, CancellationToken.None);
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "foreign" }, Data = new Dictionary<string, string> { ["by"] = "someone" } }, ns);

        var taken = await Assert.ThrowsAsync<ChildOwnershipConflictException>(() => applier.ApplyAsync(Child("other"), other, CancellationToken.None));
        var foreign = await Assert.ThrowsAsync<ChildOwnershipConflictException>(() => applier.ApplyAsync(Child("other", "foreign"), other, CancellationToken.None));
        var foreignWithoutOwner = await Assert.ThrowsAsync<ChildOwnershipConflictException>(() => applier.ApplyAsync(Child("none", "foreign", ns), null, CancellationToken.None));

        Assert.Equal((s_owner.Kind, "default", holder.Metadata.Uid), (taken.HolderKind, taken.HolderName, taken.HolderUid));
        Assert.Contains("EcsCluster default", taken.Message, StringComparison.Ordinal);
        Assert.Null(foreign.HolderUid);
        Assert.Contains("not managed by EcsOnK8s", foreignWithoutOwner.Message, StringComparison.Ordinal);
        Assert.Equal("holder", (await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns)).Data["by"]);
        var untouched = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("foreign", ns);
        Assert.Equal(("someone", null), (untouched.Data["by"], untouched.Metadata.OwnerReferences));

        // A child every workload renders alike (shared) passes from one EcsOnK8s owner to another.
        var shared = await applier.ApplyAsync(Child("other"), other, shared: true, CancellationToken.None);
        Assert.True(shared.Written);
        Assert.Equal(other.Metadata.Uid, Assert.Single((await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns)).Metadata.OwnerReferences).Uid);
    }

    private static Task OperatorEventually(Func<bool> condition, string what) =>
        Eventually.TrueAsync(condition, what, poll: TimeSpan.FromMilliseconds(50));

    private static V1ConfigMap Child(string by, string name = "child", string? ns = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Data = new Dictionary<string, string> { ["by"] = by },
    };

    private static EcsCluster WithStatus(EcsCluster cluster, int services)
    {
        var copy = KubernetesJson.Deserialize<EcsCluster>(KubernetesJson.Serialize(cluster));
        copy.Status = new EcsClusterStatus { Status = "ACTIVE", ActiveServicesCount = services };
        return copy;
    }

    private async Task<EcsCluster> CreateOwnerAsync(string ns, string name = "default")
    {
        await fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new EcsCluster { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } }, s_owner.Group, s_owner.Version, ns, s_owner.Plural);
        return await ReadOwnerAsync(ns, name);
    }

    /// <summary>Deletes the owner "default" and creates it again at once: same name, new UID.</summary>
    private async Task<EcsCluster> RecreateOwnerAsync(string ns)
    {
        await fixture.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(s_owner.Group, s_owner.Version, ns, s_owner.Plural, "default");
        return await CreateOwnerAsync(ns);
    }

    private async Task<EcsCluster> ReadOwnerAsync(string ns, string name = "default") =>
        (await _rest.GetAsync<EcsCluster>(s_owner.ObjectPath(new ObjectKey(ns, name)), CancellationToken.None))!;
}
