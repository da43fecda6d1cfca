using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Tests.Support;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Informers;

public sealed class StoreTests
{
    [Fact]
    public void Indexes_UpsertMoveAndRemove_FollowTheObject()
    {
        var store = new Store<V1ConfigMap>();
        store.AddLabelIndex("ecsonk8s.io/service");
        var owner = Objects.ConfigMap("owner");
        var child = Objects.ConfigMap("child", "team-a", owner: Objects.ControllerOf(owner));
        child.Metadata.Labels = new Dictionary<string, string> { ["ecsonk8s.io/service"] = "web" };
        store.Upsert(child);
        store.Upsert(Objects.ConfigMap("other", "team-b"));

        Assert.Equal(["child"], store.ByNamespace("team-a").Select(o => o.Metadata.Name));
        Assert.Equal(["child"], store.ByControllerOwner(owner.Metadata.Uid).Select(o => o.Metadata.Name));
        Assert.Equal(["child"], store.ByLabel("ecsonk8s.io/service", "web").Select(o => o.Metadata.Name));

        var relabelled = Objects.ConfigMap("child", "team-a");
        relabelled.Metadata.Labels = new Dictionary<string, string> { ["ecsonk8s.io/service"] = "api" };
        store.Upsert(relabelled);

        Assert.Empty(store.ByLabel("ecsonk8s.io/service", "web"));
        Assert.Empty(store.ByControllerOwner(owner.Metadata.Uid));
        Assert.Single(store.ByLabel("ecsonk8s.io/service", "api"));

        store.Remove(new ObjectKey("team-a", "child"));
        Assert.Empty(store.ByNamespace("team-a"));
        Assert.Empty(store.ByLabel("ecsonk8s.io/service", "api"));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void ByLabel_NoIndexForKey_ScansSameAnswer()
    {
        var store = new Store<V1ConfigMap>();
        var item = Objects.ConfigMap("a");
        item.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "front" };
        store.Upsert(item);
        store.Upsert(Objects.ConfigMap("b"));

        Assert.Equal(["a"], store.ByLabel("tier", "front").Select(o => o.Metadata.Name));
    }

    [Fact]
    public void AddIndex_AfterObjectsCached_IndexesExistingObjects()
    {
        var store = new Store<V1ConfigMap>();
        store.Upsert(Objects.ConfigMap("a", value: "x"));
        store.Upsert(Objects.ConfigMap("b", value: "y"));

        store.AddIndex("value", o => o.Data is { } d && d.TryGetValue("value", out var v) ? [v] : []);

        Assert.Equal(["b"], store.ByIndex("value", "y").Select(o => o.Metadata.Name));
        Assert.Throws<ArgumentException>(() => store.ByIndex("missing", "y"));
    }
}
