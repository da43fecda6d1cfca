using System.Diagnostics;
using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// States the operator may never see (changes faster than it reconciles) and a foreign writer fighting it over its
/// children: the end state is the last spec, nothing leaks, and the operator does not ping-pong.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class UnobservedStateTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DesiredCount3To5To3_BackToBack_EndsAtThreeWithOneDeployment()
    {
        var (ns, ecs, op) = await StartAsync("unobserved-count");
        await using var _ = op;
        foreach (var count in new[] { 3, 5, 3 })
        {
            await ecs.PatchAsync<EcsService>(ns, "web", new { spec = new { desiredCount = count } });
        }

        await ConvergedAsync(ns, ecs, op, replicas: 3);
        var deployments = (await fixture.Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items;
        Assert.Equal(["web"], deployments.Select(d => d.Metadata.Name));
        Assert.Equal(3, Assert.Single(deployments).Spec.Replicas);
    }

    [Fact]
    public async Task ServiceDeletedAndRecreatedWithin200Ms_ChildrenBelongToTheNewOne()
    {
        var (ns, ecs, op) = await StartAsync("unobserved-recreate");
        await using var _ = op;
        // The pair must come back to back (the operator must have no time to see the deletion alone): everything but
        // the two requests is done before the clock starts, and a pair slowed by the machine is made again.
        var old = await ecs.GetAsync<EcsService>(ns, "web");
        var yaml = Host.MinimalService.Service("web").Replace("desiredCount: 1", "desiredCount: 2", StringComparison.Ordinal);
        EcsService created = null!;
        var gap = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 5 && gap >= TimeSpan.FromMilliseconds(200); attempt++)
        {
            var replacement = KubernetesYaml.Deserialize<EcsService>(yaml);
            replacement.Metadata.NamespaceProperty = ns;
            var started = Stopwatch.GetTimestamp();
            await ecs.DeleteAsync<EcsService>(ns, "web");
            created = await ecs.CreateAsync(replacement);
            gap = Stopwatch.GetElapsedTime(started);
        }

        Assert.True(gap < TimeSpan.FromMilliseconds(200), $"delete and create took {gap.TotalMilliseconds:F0} ms in each of 5 attempts");
        Assert.NotEqual(old!.Metadata.Uid, created.Metadata.Uid);

        // The children end up owned by the new service (the garbage collector removes the old one's), none left over.
        await Eventually.ValueAsync(
            async () => (await fixture.Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items,
            items => items.Count == 1 && items[0].Metadata.OwnerReferences?.SingleOrDefault()?.Uid == created.Metadata.Uid && items[0].Spec.Replicas == 2,
            "one Deployment, owned by the new service, with its 2 replicas",
            Convergence,
            describe: items => string.Join("; ", items.Select(d => $"{d.Metadata.Name} owner={d.Metadata.OwnerReferences?.FirstOrDefault()?.Uid} replicas={d.Spec.Replicas}")));
        await ConvergedAsync(ns, ecs, op, replicas: 2);
        var state = await NamespaceState.ReadAsync(fixture.Client, ns);
        Assert.DoesNotContain(state.Objects.Keys, k => k.StartsWith("orphan/", StringComparison.Ordinal));
        ReliabilityReport.Write(output, string.Create(CultureInfo.InvariantCulture, $"delete-recreate gap_ms={gap.TotalMilliseconds:F0} converged=true"));
    }

    [Fact]
    public async Task ForeignWriterOnReplicasAndLabels_NoPingPongAndQuietAfter()
    {
        var (ns, ecs, op) = await StartAsync("foreign-writer");
        await using var _ = op;
        var duration = TimeSpan.FromSeconds(fixture.Full ? 60 : 5);
        var quiet = TimeSpan.FromSeconds(fixture.Full ? 30 : 5);
        var deploymentWrites = op.Proxy.Writes.Count(IsDeploymentWrite);

        // 10 writes a second: replicas and a label the operator owns, alternately.
        var foreign = 0;
        var started = Stopwatch.GetTimestamp();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));

        while (Stopwatch.GetElapsedTime(started) < duration && await tick.WaitForNextTickAsync())
        {
            var patch = foreign % 2 == 0
                ? KubernetesJson.Serialize(new { spec = new { replicas = 7 + (foreign % 5) } })
                : KubernetesJson.Serialize(new { metadata = new { labels = new Dictionary<string, string> { [WellKnownLabels.Service] = $"intruder-{foreign}" } } });
            await fixture.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "web", ns);
            foreign++;
        }

        // Replicas are back at the spec's; the owned label is not (defect 4, OwnedLabelChangedLast_Restored).
        await ConvergedAsync(ns, ecs, op, replicas: 1);
        var operatorWrites = op.Proxy.Writes.Count(IsDeploymentWrite) - deploymentWrites;

        // Converged: from here nothing may be written for the quiet window (the measurement is the window itself).
        var settled = op.Proxy.WriteCount;
        await Task.Delay(quiet);
        var after = op.Proxy.Writes.Where(w => w.Sequence > settled).ToList();
        ReliabilityReport.Write(output, string.Create(CultureInfo.InvariantCulture,
            $"foreign-writer seconds={duration.TotalSeconds:F0} foreign_writes={foreign} operator_deployment_writes={operatorWrites} writes_in_quiet_{quiet.TotalSeconds:F0}s={after.Count}"));
        Assert.True(operatorWrites <= foreign, $"the operator wrote the Deployment {operatorWrites} times against {foreign} foreign writes");
        if (after.Count > 0)
        {
            var service = await ecs.GetAsync<EcsService>(ns, "web");
            var events = (await fixture.Client.CoreV1.ListNamespacedEventAsync(ns)).Items.OrderBy(e => e.LastTimestamp ?? e.EventTime);
            Assert.Fail($"writes after the foreign writer stopped and the state converged:\n{string.Join('\n', after)}\nstatus: {KubernetesJson.Serialize(service?.Status)}\n"
                + string.Join('\n', events.Select(e => $"{e.LastTimestamp:HH:mm:ss.fff} {e.InvolvedObject.Kind}/{e.InvolvedObject.Name} {e.Reason}: {e.Message}")));
        }
    }

    [Fact]
    public async Task OwnedLabelChangedLast_Restored()
    {
        var (ns, ecs, op) = await StartAsync("foreign-label");
        await using var _ = op;
        var patch = KubernetesJson.Serialize(new { metadata = new { labels = new Dictionary<string, string> { [WellKnownLabels.Service] = "intruder" } } });
        await fixture.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "web", ns);
        await Eventually.ValueAsync(
            async () => (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Metadata.Labels[WellKnownLabels.Service],
            label => label == "web",
            "the owned label restored",
            Convergence);
        await ConvergedAsync(ns, ecs, op, replicas: 1);
    }

    private static bool IsDeploymentWrite(ProxiedWrite w) => w.Path.Contains("/deployments/", StringComparison.Ordinal) && w.Method != "DELETE";

    private async Task<(string Ns, EcsClient Ecs, ProxiedOperator Op)> StartAsync(string prefix)
    {
        var ns = await fixture.CreateNamespaceAsync(prefix);
        var ecs = new EcsClient(fixture.Client);
        await CrashFlow.CreateAsync<EcsCluster>(ecs, ns, Host.MinimalService.Cluster);
        await CrashFlow.CreateAsync<EcsTaskDefinition>(ecs, ns, Host.MinimalService.TaskDefinition);
        await CrashFlow.CreateAsync<EcsService>(ecs, ns, Host.MinimalService.Service("web"));
        var op = await ProxiedOperator.StartAsync(fixture, prefix, "--namespaces", ns, "--leader-election", "false");
        await op.IdleAsync(Convergence);
        return (ns, ecs, op);
    }

    /// <summary>
    /// The Deployment at <paramref name="replicas"/> and its controller done with it (the pods of a larger count gone,
    /// no pod creation failing: under load, a burst of scale-ups can meet a refusal, e.g. before the ServiceAccount's
    /// token exists), the service's status caught up with its spec, those pods and that condition, the operator idle.
    /// Until then the service's task counts and PodsAdmitted still move, and their status writes are the operator's
    /// duty, not ping-pong.
    /// </summary>
    private async Task ConvergedAsync(string ns, EcsClient ecs, ProxiedOperator op, int replicas)
    {
        await Eventually.ValueAsync(
            async () => (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns), await ecs.GetAsync<EcsService>(ns, "web")),
            x => x.Item1.Spec.Replicas == replicas
                && x.Item1.Status?.ObservedGeneration == x.Item1.Metadata.Generation
                && (x.Item1.Status!.Replicas ?? 0) == replicas
                && (x.Item1.Status.UpdatedReplicas ?? 0) == replicas
                && x.Item2?.Status?.DesiredCount == replicas
                && x.Item2.Status.ObservedGeneration == x.Item2.Metadata.Generation
                && (x.Item2.Status.RunningCount ?? 0) + (x.Item2.Status.PendingCount ?? 0) == replicas
                && x.Item1.Status.Conditions?.Any(c => c.Type == "ReplicaFailure" && c.Status == "True") != true
                && x.Item2.Status.Conditions?.Any(c => c.Type == ConditionTypes.PodsAdmitted && c.Status == "False") != true,
            $"{replicas} replicas, the Deployment controller done, the status caught up",
            Convergence,
            describe: x => $"replicas={x.Item1.Spec.Replicas} deployment.status={x.Item1.Status?.Replicas}/{x.Item1.Status?.UpdatedReplicas} "
                + $"observed={x.Item1.Status?.ObservedGeneration}/{x.Item1.Metadata.Generation} status.desiredCount={x.Item2?.Status?.DesiredCount} "
                + $"running={x.Item2?.Status?.RunningCount} pending={x.Item2?.Status?.PendingCount} observed={x.Item2?.Status?.ObservedGeneration}/{x.Item2?.Metadata.Generation}");
        await PodsSettledAsync(ns, replicas);
        await op.IdleAsync(Convergence);
    }

    /// <summary>
    /// The service's pods are <paramref name="replicas"/> and stay the same pods for 3 s: the ReplicaSet controller
    /// creates and deletes pods in batches after the counts above read right (a scale-up still in flight when the
    /// scale-down came), and each batch changes the service's task counts and events, which the operator then writes.
    /// </summary>
    private async Task PodsSettledAsync(string ns, int replicas)
    {
        var hold = TimeSpan.FromSeconds(3);
        var deadline = Stopwatch.GetTimestamp();
        string? last = null;
        var since = Stopwatch.GetTimestamp();
        while (true)
        {
            var pods = (await fixture.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"{WellKnownLabels.Service}=web")).Items;
            var set = string.Join(',', pods.Select(p => p.Metadata.Uid).Order(StringComparer.Ordinal));
            if (set != last || pods.Count != replicas)
            {
                (last, since) = (set, Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(since) >= hold)
            {
                return;
            }

            Assert.True(Stopwatch.GetElapsedTime(deadline) < Convergence, $"the service's pods did not settle at {replicas} within {Convergence}: {pods.Count} pods");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
