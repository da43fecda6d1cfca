using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Informers;

/// <summary>
/// Objects the typed model cannot read (here a Deployment whose replicas overflow Int32), served through the real
/// REST source: they never stop the list or the watch, stay out of the cache and are reported apart.
/// </summary>
public sealed class UndecodableObjectTests : IDisposable
{
    private const string Overflow = "2147483648";

    private static readonly InformerOptions s_options = new()
    {
        IdleTimeout = TimeSpan.FromHours(1),
        MinWatchTimeout = TimeSpan.FromHours(2),
        MaxWatchTimeout = TimeSpan.FromHours(3),
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    private readonly StubApiServer _server = new();
    private readonly Kubernetes _kubernetes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Informer<V1Deployment> _informer;
    private readonly List<UndecodableObject> _reported = [];
    private readonly List<ResourceEvent<V1Deployment>> _events = [];
    private readonly Lock _lock = new();

    public UndecodableObjectTests()
    {
        _kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://api.invalid" }, _server);
        var source = new KubernetesListWatchSource<V1Deployment>(new KubernetesRestClient(_kubernetes), ResourceTypes.Deployment);
        _informer = new Informer<V1Deployment>(source, ResourceTypes.Deployment, s_options);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _kubernetes.Dispose();
    }

    [Fact]
    public async Task List_OneObjectTheModelCannotRead_OthersCachedAndWatchOpens()
    {
        _server.Put(Deployment("a", "good-a", "1"));
        _server.Put(Deployment("a", "bad", Overflow));
        _server.Put(Deployment("b", "good-b", "2"));

        await StartAsync();

        Assert.Equal(["a/good-a", "b/good-b"], _informer.Store.Keys().Select(k => k.ToString()).Order());
        await Eventually.TrueAsync(() => _server.Watching, "watch open");
        Assert.Equal(1, _server.Lists);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(500)]
    public async Task ListAndWatch_ObjectNestedPastTheReadersDepth_FailsAloneAndOthersKeepFlowing(int depth)
    {
        _server.Put(Deployment("a", "good", "1"));
        _server.Put(Nested(Deployment("a", "deep", "1"), depth));

        await StartAsync();

        Assert.Equal(["a/good"], _informer.Store.Keys().Select(k => k.ToString()));
        Assert.Equal(new ObjectKey("a", "deep"), Assert.Single(Reported()).Key);
        await Eventually.TrueAsync(() => _server.Watching, "watch open");

        // Through the watch too: another deep object, then a change the informer must still see.
        _server.Put(Nested(Deployment("a", "deeper", "1"), depth));
        _server.Put(Deployment("a", "good", "2"));
        await Eventually.TrueAsync(() => _informer.Store.Get(new ObjectKey("a", "good"))?.Spec.Replicas == 2, "the change after the deep object");
        Assert.Contains(Reported(), r => r.Key == new ObjectKey("a", "deeper"));
        Assert.Equal(1, _server.Lists);
    }

    [Fact]
    public async Task List_OneObjectTheModelCannotRead_ReportedWithItsMetadataAndThePath()
    {
        _server.Put(Deployment("a", "good", "1"));
        var version = _server.Put(Deployment("a", "bad", Overflow));

        await StartAsync();

        var bad = Assert.Single(Reported());
        Assert.Equal(new ObjectKey("a", "bad"), bad.Key);
        Assert.Equal(("apps/v1", "Deployment", "uid-bad", version, 3L), (bad.ApiVersion, bad.Kind, bad.Uid, bad.ResourceVersion, bad.Generation));
        Assert.Equal("spec.replicas", bad.Path);
        Assert.Contains("Int32", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Path:", bad.Error, StringComparison.Ordinal);
        Assert.Same(bad, _informer.GetUndecodable(bad.Key));
    }

    [Fact]
    public async Task Watch_ObjectTurnsUnreadable_LeavesTheCacheOnceAndComesBackWhenReadable()
    {
        _server.Put(Deployment("a", "web", "1"));
        _server.Put(Deployment("a", "other", "1"));
        await StartAsync();
        await Eventually.TrueAsync(() => _server.Watching, "watch open");

        var broken = _server.Put(Deployment("a", "web", Overflow));
        await Eventually.TrueAsync(() => Reported().Count == 1, "web reported");
        Assert.Null(_informer.Store.Get(new ObjectKey("a", "web")));
        Assert.Equal(broken, Reported()[0].ResourceVersion);
        Assert.Contains(Events(), e => e.Type == ResourceEventType.Deleted && e.Object.Metadata.Name == "web");

        // Another unreadable version is reported again; the watch keeps delivering the other objects meanwhile.
        var brokenAgain = _server.Put(Deployment("a", "web", "1" + Overflow));
        _server.Put(Deployment("a", "other", "2"));
        await Eventually.TrueAsync(() => _informer.Store.Get(new ObjectKey("a", "other"))?.Spec.Replicas == 2, "other updated");
        Assert.Equal([broken, brokenAgain], Reported().Select(r => r.ResourceVersion));

        _server.Put(Deployment("a", "web", "3"));
        await Eventually.TrueAsync(() => _informer.Store.Get(new ObjectKey("a", "web"))?.Spec.Replicas == 3, "web readable again");
        Assert.Null(_informer.GetUndecodable(new ObjectKey("a", "web")));
        Assert.Equal(ResourceEventType.Added, Events().Last(e => e.Object.Metadata.Name == "web").Type);
        Assert.Equal(1, _server.Lists);
    }

    [Fact]
    public async Task Watch_UnreadableObjectDeleted_ForgottenWithoutRelistOrReconnect()
    {
        _server.Put(Deployment("a", "bad", Overflow));
        await StartAsync();
        await Eventually.TrueAsync(() => _server.Watching, "watch open");

        _server.Delete("a", "bad");
        _server.Put(Deployment("a", "next", Overflow));
        _server.Put(Deployment("a", "good", "1"));
        await Eventually.TrueAsync(() => _informer.Store.Count == 1, "good cached");

        Assert.Null(_informer.GetUndecodable(new ObjectKey("a", "bad")));
        Assert.Equal(["bad", "next"], Reported().Select(r => r.Key.Name));
        Assert.Equal([(ResourceEventType.Added, "good")], Events().Select(e => (e.Type, e.Object.Metadata.Name)));
        Assert.Equal((1, 1), (_server.Lists, _server.WatchResourceVersions.Count));
    }

    private async Task StartAsync()
    {
        _informer.Subscribe(e =>
        {
            lock (_lock)
            {
                _events.Add(e);
            }
        });
        _informer.SubscribeUndecodable(u =>
        {
            lock (_lock)
            {
                _reported.Add(u);
            }
        });
        await _informer.StartAsync(_stop.Token);
        await _informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private List<UndecodableObject> Reported()
    {
        lock (_lock)
        {
            return [.. _reported];
        }
    }

    private List<ResourceEvent<V1Deployment>> Events()
    {
        lock (_lock)
        {
            return [.. _events];
        }
    }

    /// <summary>An unknown field nested <paramref name="depth"/> levels deep (the model skips it, but must read it).</summary>
    private static JsonObject Nested(JsonObject deployment, int depth)
    {
        JsonNode node = new JsonArray("leaf");
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["n"] = node };
        }

        deployment["spec"]!["x-nested"] = node;
        return deployment;
    }

    private static JsonObject Deployment(string @namespace, string name, string replicas) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["uid"] = $"uid-{name}", ["generation"] = 3 },
        ["spec"] = new JsonObject
        {
            // Parsed, so that a number past Int32 is written as it is.
            ["replicas"] = JsonNode.Parse(replicas),
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
        },
    };
}
