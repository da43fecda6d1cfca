using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Apply;

public sealed class ChildApplierOwnershipTests : IDisposable
{
    private const string ChildPath = "api/v1/namespaces/default/configmaps/child";
    private const string OwnerPath = "api/v1/namespaces/default/configmaps/owner";

    private readonly FakeApiServer _server = new();
    private readonly Kubernetes _kubernetes;
    private readonly ChildApplier _applier;
    private readonly V1ConfigMap _owner = Objects.ConfigMap("owner");

    public ChildApplierOwnershipTests()
    {
        _kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://api.invalid" }, _server);
        _applier = new ChildApplier(new KubernetesRestClient(_kubernetes));
    }

    public void Dispose() => _kubernetes.Dispose();

    [Fact]
    public async Task ApplyAsync_LiveControlledByAnotherOwner_ThrowsNamingItAndWritesNothing()
    {
        _server.Put(ChildPath, Live(controller: ("other", "uid-other")));

        var conflict = await Assert.ThrowsAsync<ChildOwnershipConflictException>(() => _applier.ApplyAsync(Child(), _owner, CancellationToken.None));

        Assert.Equal(("ConfigMap", "child", "ConfigMap", "other", "uid-other"), (conflict.Kind, conflict.Key.Name, conflict.HolderKind, conflict.HolderName, conflict.HolderUid));
        Assert.Contains("belongs to ConfigMap other", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Writes);
    }

    [Fact]
    public async Task ApplyAsync_LiveNotManagedByEcsOnK8s_ThrowsWithOrWithoutOwner()
    {
        _server.Put(ChildPath, Live(controller: null, managed: false));

        var owned = await Assert.ThrowsAsync<ChildOwnershipConflictException>(() => _applier.ApplyAsync(Child(), _owner, CancellationToken.None));
        var unowned = await Assert.ThrowsAsync<ChildOwnershipConflictException>(() => _applier.ApplyAsync(Child(), null, CancellationToken.None));

        Assert.Null(owned.HolderUid);
        Assert.Contains("not managed by EcsOnK8s", unowned.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Writes);
    }

    [Fact]
    public async Task ApplyAsync_LiveOursWithoutController_Adopted()
    {
        _server.Put(ChildPath, Live(controller: null));

        var result = await _applier.ApplyAsync(Child(), _owner, CancellationToken.None);

        Assert.True(result.Written);
        Assert.Equal(_owner.Metadata.Uid, ControllerUid(_server.Get(ChildPath)!));
    }

    [Fact]
    public async Task ApplyAsync_HeldByAPredecessorOfTheOwnersName_TakenOverWhenTheOwnerIsTheLiveOne()
    {
        _server.Put(ChildPath, Live(controller: ("owner", "uid-predecessor")));
        _server.Put(OwnerPath, Owner(_owner.Metadata.Uid));

        var result = await _applier.ApplyAsync(Child(), _owner, CancellationToken.None);

        Assert.True(result.Written);
        Assert.Equal(_owner.Metadata.Uid, ControllerUid(_server.Get(ChildPath)!));
    }

    [Fact]
    public async Task ApplyAsync_OwnerIsAStaleCopy_SuccessorsChildLeftAlone()
    {
        // The live owner of that name is a successor, which holds the child: this owner was deleted.
        _server.Put(ChildPath, Live(controller: ("owner", "uid-successor")));
        _server.Put(OwnerPath, Owner("uid-successor"));

        var conflict = await Assert.ThrowsAsync<ChildOwnershipConflictException>(() => _applier.ApplyAsync(Child(), _owner, CancellationToken.None));

        Assert.Equal("uid-successor", conflict.HolderUid);
        Assert.Equal(0, _server.Writes);
        Assert.Equal("uid-successor", ControllerUid(_server.Get(ChildPath)!));
    }

    [Fact]
    public async Task ApplyAsync_SharedChildOfAnotherWorkload_TakenOver()
    {
        _server.Put(ChildPath, Live(controller: ("other", "uid-other")));

        var result = await _applier.ApplyAsync(Child(), _owner, shared: true, CancellationToken.None);

        Assert.True(result.Written);
        Assert.Equal(_owner.Metadata.Uid, ControllerUid(_server.Get(ChildPath)!));
    }

    [Fact]
    public async Task ApplyAsync_ChildReplacedByAnotherObjectCarryingOurHash_WrittenAgain()
    {
        var first = await _applier.ApplyAsync(Child(), _owner, CancellationToken.None);
        Assert.True(first.Written);

        // Deleted and created again by someone else from a copy: same hash annotation and generation, new UID.
        var copy = _server.Get(ChildPath)!;
        copy["metadata"]!["uid"] = "uid-copy";
        copy["data"] = new JsonObject { ["value"] = "tampered" };
        _server.Put(ChildPath, copy);

        var second = await _applier.ApplyAsync(Child(), _owner, CancellationToken.None);

        Assert.True(second.Written);
        Assert.Equal("v", _server.Get(ChildPath)!["data"]!["value"]!.GetValue<string>());
    }

    private static V1ConfigMap Child() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "child", NamespaceProperty = "default" },
        Data = new Dictionary<string, string> { ["value"] = "v" },
    };

    private static JsonObject Live((string Name, string Uid)? controller, bool managed = true)
    {
        var metadata = new JsonObject
        {
            ["name"] = "child",
            ["namespace"] = "default",
            ["uid"] = "uid-child",
            ["resourceVersion"] = "5",
        };
        if (managed)
        {
            metadata["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "ecsonk8s" };
        }

        if (controller is { } c)
        {
            metadata["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["name"] = c.Name,
                ["uid"] = c.Uid,
                ["controller"] = true,
            });
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = new JsonObject { ["value"] = "theirs" } };
    }

    private static JsonObject Owner(string uid) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "owner", ["namespace"] = "default", ["uid"] = uid, ["resourceVersion"] = "7" },
    };

    private static string? ControllerUid(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"]?.AsArray().FirstOrDefault(r => r?["controller"]?.GetValue<bool>() == true)?["uid"]?.GetValue<string>();
}
