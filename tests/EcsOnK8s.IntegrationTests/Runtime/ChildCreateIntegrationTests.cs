using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Runtime;

/// <summary>A create-only child (a schedule's run): created once, with owner and label; a taken name is "already done".</summary>
[Collection(KubeCollection.Name)]
public sealed class ChildCreateIntegrationTests(KubeFixture fixture)
{
    private static readonly ResourceType s_owner = ResourceType.For<EcsCluster>();

    [Fact]
    public async Task Create_NewThenTaken_CreatedOnceWithOwnerAndLabelThenFalseAndUntouched()
    {
        var ns = await fixture.CreateNamespaceAsync("child-create");
        var rest = new KubernetesRestClient(fixture.Client);
        await fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new EcsCluster { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = ns } }, s_owner.Group, s_owner.Version, ns, s_owner.Plural);
        var owner = (await rest.GetAsync<EcsCluster>(s_owner.ObjectPath(new ObjectKey(ns, "default")), CancellationToken.None))!;
        var applier = new ChildApplier(rest);

        var created = await applier.CreateAsync(Child("first"), owner, CancellationToken.None);
        var before = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("run", ns);
        var again = await applier.CreateAsync(Child("second"), owner, CancellationToken.None);

        Assert.True(created);
        Assert.False(again);
        var after = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("run", ns);
        Assert.Equal((before.Metadata.ResourceVersion, "first"), (after.Metadata.ResourceVersion, after.Data["by"]));
        var reference = Assert.Single(after.Metadata.OwnerReferences);
        Assert.Equal((owner.Metadata.Uid, true, "EcsCluster"), (reference.Uid, reference.Controller, reference.Kind));
        Assert.Equal("ecsonk8s", after.Metadata.Labels["app.kubernetes.io/managed-by"]);
    }

    [Fact]
    public async Task DeleteIfExists_CacheShowsAPredecessor_SuccessorOfTheSameNameKept_TheObjectItselfDeleted()
    {
        var ns = await fixture.CreateNamespaceAsync("child-delete");
        var rest = new KubernetesRestClient(fixture.Client);
        var applier = new ChildApplier(rest);
        var configMaps = ResourceTypes.ConfigMap;
        var predecessor = await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(Child("predecessor"), ns);
        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("run", ns);
        var successor = await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(Child("successor"), ns);

        var deletedStale = await applier.DeleteIfExistsAsync(configMaps, predecessor, CancellationToken.None);
        var kept = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("run", ns);
        var deletedCurrent = await applier.DeleteIfExistsAsync(configMaps, successor, CancellationToken.None);

        Assert.False(deletedStale);
        Assert.Equal(successor.Metadata.Uid, kept.Metadata.Uid);
        Assert.True(deletedCurrent);
        var left = await fixture.Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=run");
        Assert.Empty(left.Items);
    }

    private static V1ConfigMap Child(string by) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "run" },
        Data = new Dictionary<string, string> { ["by"] = by },
    };
}
