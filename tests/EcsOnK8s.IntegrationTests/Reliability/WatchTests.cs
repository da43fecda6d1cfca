using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// Watches that break while changes are made: cut by the proxy, ended by an API server restart, and resumed from a
/// resourceVersion the API server's watch cache has moved past (410 Gone). Each time a change made while the operator
/// was not watching is acted on (none missed), the operator watches again within 10 s, converges within 60 s, and
/// never exits.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class WatchTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Rewatch = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WatchesCut_ChangesMadeMeanwhile_NoneMissed()
    {
        var (ns, ecs, op) = await StartAsync("watch-cut");
        await using var _ = op;
        var rounds = fixture.Full ? 20 : 2;
        var worstRewatch = TimeSpan.Zero;
        var worstConvergence = TimeSpan.Zero;
        for (var round = 1; round <= rounds; round++)
        {
            var watchesBefore = op.Proxy.WatchesStarted;
            var cut = op.Proxy.CutWatches();
            var started = Stopwatch.GetTimestamp();
            var replicas = 1 + (round % 3);
            await ecs.PatchAsync<EcsService>(ns, "web", new { spec = new { desiredCount = replicas } });
            var reopened = await Eventually.HoldsAsync(() => Task.FromResult(op.Proxy.WatchesStarted >= watchesBefore + cut), Rewatch, TimeSpan.FromMilliseconds(50));
            Assert.True(reopened, $"round {round}: {op.Proxy.WatchesStarted - watchesBefore} of the {cut} cut watches open again after {Rewatch}; not open: "
                + string.Join(", ", op.Proxy.LastCut.Except(op.Proxy.OpenWatches)) + $"\n{op.Process.Tail(4000)}");
            worstRewatch = Max(worstRewatch, Stopwatch.GetElapsedTime(started));
            await ReplicasAsync(ns, replicas, op);
            worstConvergence = Max(worstConvergence, Stopwatch.GetElapsedTime(started));
        }

        Assert.False(op.Process.HasExited);
        ReliabilityReport.Write(output, string.Create(CultureInfo.InvariantCulture,
            $"watch-cut rounds={rounds} worst_rewatch_s={worstRewatch.TotalSeconds:F1} worst_convergence_s={worstConvergence.TotalSeconds:F1}"));
    }

    [Fact]
    public async Task ApiServerRestarted_ChangeRightAfter_Converges()
    {
        var controlPlane = fixture.ControlPlane ?? throw new InvalidOperationException("the reliability suite needs the local control plane");
        var (ns, ecs, op) = await StartAsync("watch-restart");
        await using var _ = op;
        var watchesBefore = op.Proxy.WatchesStarted;
        var restarting = Stopwatch.GetTimestamp();
        // The full suite restarts it as a rolling upgrade does (SIGTERM: it drains for up to a minute); the short one kills it.
        var signal = fixture.Full ? "TERM" : "KILL";
        await controlPlane.RestartApiServerAsync(signal, []);
        var down = Stopwatch.GetElapsedTime(restarting);

        var started = Stopwatch.GetTimestamp();
        await ecs.PatchAsync<EcsService>(ns, "web", new { spec = new { desiredCount = 3 } });
        await Eventually.TrueAsync(() => op.Proxy.WatchesStarted > watchesBefore, "the watches open again", Rewatch, poll: TimeSpan.FromMilliseconds(50));
        var rewatch = Stopwatch.GetElapsedTime(started);
        await ReplicasAsync(ns, 3, op);
        var convergence = Stopwatch.GetElapsedTime(started);

        Assert.False(op.Process.HasExited);
        ReliabilityReport.Write(output, string.Create(CultureInfo.InvariantCulture,
            $"apiserver-restart signal={signal} restart_s={down.TotalSeconds:F1} rewatch_after_ready_s={rewatch.TotalSeconds:F1} convergence_s={convergence.TotalSeconds:F1}"));
    }

    [Fact]
    public async Task WatchResumedFromACompactedRevision_Gone410_RelistsAndMissesNothing()
    {
        var controlPlane = fixture.ControlPlane ?? throw new InvalidOperationException("the reliability suite needs the local control plane");
        var (ns, ecs, op) = await StartAsync("watch-gone");
        await using var _ = op;
        try
        {
            // Watches served by etcd itself (no watch cache to answer from memory), compacted every few seconds: a
            // watch resumed from a revision older than the compaction is answered 410 Gone, as after a long outage.
            await controlPlane.RestartApiServerAsync("KILL", ["--watch-cache=false", "--etcd-compaction-interval=3s"]);
            await op.IdleAsync(Convergence);
            var before = await op.Process.ScrapeAsync();
            var seen = (await ecs.GetAsync<EcsService>(ns, "web"))!.Metadata.ResourceVersion;

            // Blind the operator, change what it must not miss, and write on until the revision it saw is compacted
            // (an exact list at that revision answers 410: the oracle that the operator's resume will get one too).
            op.Proxy.BlockWatches = true;
            op.Proxy.CutWatches();
            await ecs.PatchAsync<EcsService>(ns, "web", new { spec = new { desiredCount = 4 } });
            var churn = 0;
            var compacted = await Eventually.HoldsAsync(async () =>
            {
                await ecs.PatchAsync<EcsTaskDefinition>(ns, "web", new { metadata = new { annotations = new Dictionary<string, string> { ["churn"] = (churn++).ToString(CultureInfo.InvariantCulture) } } });
                return await CompactedAsync(ns, seen!);
            }, Convergence, poll: TimeSpan.FromMilliseconds(500));
            Assert.True(compacted, $"revision {seen} was not compacted within {Convergence}");

            var started = Stopwatch.GetTimestamp();
            op.Proxy.BlockWatches = false;
            var relisted = await Eventually.HoldsAsync(async () => Expired(await op.Process.ScrapeAsync(), before) > 0, Rewatch, poll: TimeSpan.FromMilliseconds(100));
            var relist = Stopwatch.GetElapsedTime(started);
            await ReplicasAsync(ns, 4, op);
            var convergence = Stopwatch.GetElapsedTime(started);
            var expired = Expired(await op.Process.ScrapeAsync(), before);

            ReliabilityReport.Write(output, string.Create(CultureInfo.InvariantCulture,
                $"watch-410 expired_relists={expired} relist_s={relist.TotalSeconds:F1} convergence_s={convergence.TotalSeconds:F1} churn_writes={churn}"));
            Assert.True(relisted, $"no relist for an expired resourceVersion within {Rewatch} of the watches being allowed again");
            Assert.False(op.Process.HasExited);
        }
        finally
        {
            await controlPlane.RestartApiServerAsync("KILL", ["--watch-cache=true", "--etcd-compaction-interval=5m"]);
        }
    }

    private async Task<bool> CompactedAsync(string ns, string resourceVersion)
    {
        try
        {
            await fixture.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(
                EcsApi.Group, EcsApi.Version, ns, "ecsservices", resourceVersion: resourceVersion, resourceVersionMatch: "Exact");
            return false;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Gone)
        {
            return true;
        }
    }

    private static double Expired(MetricsSnapshot now, MetricsSnapshot before) =>
        now.Delta(before, "ecsonk8s_informer_relists_total", "reason").GetValueOrDefault("expired");

    private async Task<(string Ns, EcsClient Ecs, ProxiedOperator Op)> StartAsync(string prefix)
    {
        var ns = await fixture.CreateNamespaceAsync(prefix);
        var ecs = new EcsClient(fixture.Client);
        await CrashFlow.CreateAsync<EcsCluster>(ecs, ns, Host.MinimalService.Cluster);
        await CrashFlow.CreateAsync<EcsTaskDefinition>(ecs, ns, Host.MinimalService.TaskDefinition);
        await CrashFlow.CreateAsync<EcsService>(ecs, ns, Host.MinimalService.Service("web"));
        var op = await ProxiedOperator.StartAsync(fixture, prefix, "--namespaces", ns, "--leader-election", "false");
        await ReplicasAsync(ns, 1, op);
        await op.IdleAsync(Convergence);
        return (ns, ecs, op);
    }

    private async Task ReplicasAsync(string ns, int replicas, ProxiedOperator op)
    {
        var reached = await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas == replicas;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return false;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, Convergence, poll: TimeSpan.FromMilliseconds(100));
        Assert.True(reached, $"the Deployment did not reach {replicas} replicas within {Convergence}:\n{op.Process.Tail()}");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
