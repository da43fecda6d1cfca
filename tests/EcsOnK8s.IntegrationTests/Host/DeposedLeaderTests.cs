using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// Two operator processes on one Lease; the leader is frozen (SIGSTOP) past its lease, the follower takes over, the
/// old leader is resumed. What the old leader writes afterwards is counted by the API server (its audit log, by the
/// client certificate of each process), not by the operator's own metrics.
/// </summary>
[Collection(AuditedKubeCollection.Name)]
public sealed class DeposedLeaderTests(AuditedKubeFixture fixture)
{
    private const string LeaseName = "ecsonk8s-deposed";
    private const string OldLeader = "ecsonk8s-old-leader";
    private const string NewLeader = "ecsonk8s-new-leader";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OldLeader_ResumedAfterFollowerTookOver_WritesNothing()
    {
        var ns = await fixture.CreateNamespaceAsync("deposed");
        var ecs = new EcsClient(fixture.Client);
        await CreateAsync<EcsCluster>(ecs, ns, MinimalService.Cluster);
        await CreateAsync<EcsTaskDefinition>(ecs, ns, MinimalService.TaskDefinition);
        string[] services = ["web-1", "web-2", "web-3"];
        foreach (var service in services)
        {
            await CreateAsync<EcsService>(ecs, ns, MinimalService.Service(service));
        }

        var work = Directory.CreateTempSubdirectory("ecsonk8s-deposed-").FullName;
        var oldKubeconfig = Path.Combine(work, "old.kubeconfig");
        var newKubeconfig = Path.Combine(work, "new.kubeconfig");
        await fixture.WriteAuditedKubeconfigAsync(oldKubeconfig, OldLeader);
        await fixture.WriteAuditedKubeconfigAsync(newKubeconfig, NewLeader);

        // Lease timings with room for a loaded machine: a leader must not lose its lease before the test freezes it.
        string[] flags =
        [
            "--namespaces", ns, "--leader-election-namespace", ns, "--leader-election-id", LeaseName,
            "--lease-duration", "8s", "--renew-deadline", "6s", "--retry-period", "1s",
        ];
        await using var old = OperatorProcess.Start(oldKubeconfig, "old-leader", Path.Combine(work, "old.log"), flags);
        await old.WaitReadyAsync(Patience);
        await WaitForHolderAsync(ns, "old-leader_", old);
        foreach (var service in services)
        {
            Assert.True(await Eventually.HoldsAsync(async () => await DeploymentExistsAsync(ns, service), Patience), $"the old leader did not render {service}:\n{old.Tail()}");
        }

        // The audit log tells the two processes apart: the old leader's writes so far are there, under its name.
        Assert.Contains(await fixture.ReadAuditLogAsync(), e => e.User == OldLeader && e.IsWrite && e.Resource == "deployments" && e.Namespace == ns);

        await using var next = OperatorProcess.Start(newKubeconfig, "new-leader", Path.Combine(work, "new.log"), flags);
        await next.WaitReadyAsync(Patience);

        await old.SignalAsync("STOP");
        var lease = await WaitForHolderAsync(ns, "new-leader_", next);
        var takeover = Utc(lease.Spec.AcquireTime ?? throw new InvalidOperationException("the new leader wrote no acquireTime"));

        // The audit log saw the takeover, under the new leader's name: writes after it are attributed too.
        Assert.Contains(await fixture.ReadAuditLogAsync(), e => e.User == NewLeader && e.Resource == "leases" && e.IsWrite && e.RequestReceived >= takeover);

        // Freeze the new leader too: from here on, whatever is written about these services can only come from the
        // old leader, whose caches miss the changes below (the services converged, so its writes would be real ones).
        await next.SignalAsync("STOP");
        foreach (var service in services)
        {
            await ecs.PatchAsync<EcsService>(ns, service, new { spec = new { desiredCount = 2 } });
        }

        await CreateAsync<EcsService>(ecs, ns, MinimalService.Service("web-4"));

        await old.SignalAsync("CONT");
        var exitCode = await old.WaitForExitAsync(Patience);

        var stale = (await fixture.ReadAuditLogAsync())
            .Where(e => e.User == OldLeader && e.IsWrite && e.Resource != "leases" && e.RequestReceived >= takeover)
            .ToList();
        Assert.True(stale.Count == 0,
            $"the old leader wrote {stale.Count} times after the new leader took over at {takeover:HH:mm:ss.ffffff}:\n"
            + string.Join('\n', stale) + $"\n--- old leader log:\n{old.Tail()}");

        // It did run again, saw that it had lost the lease, and stopped for a fresh start.
        Assert.Equal(1, exitCode);

        // The logs are kept when an assertion fails.
        await next.DisposeAsync();
        await old.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    private static Task<T> CreateAsync<T>(EcsClient ecs, string ns, string yaml)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = ns;
        return ecs.CreateAsync(resource);
    }

    private async Task<V1Lease> WaitForHolderAsync(string ns, string identityPrefix, OperatorProcess process)
    {
        V1Lease? lease = null;
        var held = await Eventually.HoldsAsync(async () =>
        {
            try
            {
                lease = await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, ns);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return false;
            }

            return lease.Spec.HolderIdentity?.StartsWith(identityPrefix, StringComparison.Ordinal) == true;
        }, Patience);
        Assert.True(held, $"the lease is held by {lease?.Spec.HolderIdentity}, not {identityPrefix}...:\n{process.Tail()}");
        return lease!;
    }

    private async Task<bool> DeploymentExistsAsync(string ns, string name)
    {
        try
        {
            await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());
}
