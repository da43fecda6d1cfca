using EcsOnK8s.Testing.Common;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EcsOnK8s.Testing;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>The operator host in-process against the real API server: endpoints, leader-only workers, shutdown.</summary>
[Collection(KubeCollection.Name)]
public sealed partial class OperatorHostTests
{
    private const string LeaseName = "ecsonk8s-host-test";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly KubeFixture _fixture;

    public OperatorHostTests(KubeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Host_Started_HealthzReadyzAndMetrics()
    {
        var ns = await _fixture.CreateNamespaceAsync("host-endpoints");
        await using var host = await OperatorHostHarness.StartAsync(_fixture.KubeconfigPath, LeaderElectionFlags(ns));

        using (var healthz = await host.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        }

        using (var notReady = await host.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("controller probe: caches not synced", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        host.Probe.AllowSync();
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var response = await host.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience), "/readyz did not turn 200 after the caches synced");

        await host.Probe.WorkersStarted.WaitAsync(Patience);
        var lease = await _fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, ns);
        Assert.Equal(host.Elector.Identity, lease.Spec.HolderIdentity);
        Assert.StartsWith("host-test_", lease.Spec.HolderIdentity, StringComparison.Ordinal);

        var before = MetricValue(await ScrapeAsync(host), "ecsonk8s_api_requests_total", "verb=\"GET\",code=\"200\"");
        await host.Probe.ListNamespacesAsync();
        var metrics = await ScrapeAsync(host);
        Assert.True(MetricValue(metrics, "ecsonk8s_api_requests_total", "verb=\"GET\",code=\"200\"") >= before + 1, "the host's client does not count requests");
        Assert.Equal(1, MetricValue(metrics, "ecsonk8s_controller_cache_synced", "controller=\"probe\""));
        Assert.Equal(1, MetricValue(metrics, "ecsonk8s_leader_election_is_leader", $"lease=\"{ns}/{LeaseName}\""));
        Assert.Equal(1, MetricValue(metrics, "ecsonk8s_workers_running", null));
        Assert.Contains("# TYPE ecsonk8s_api_requests_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ReconcileInFlight_FinishesItAndReleasesTheLease()
    {
        var ns = await _fixture.CreateNamespaceAsync("host-shutdown");
        await using var host = await OperatorHostHarness.StartAsync(_fixture.KubeconfigPath, LeaderElectionFlags(ns));
        host.Probe.AllowSync();
        await host.Probe.WorkersStarted.WaitAsync(Patience);

        await host.StopAsync();

        Assert.True(host.Probe.WorkersStopped.IsCompleted, "the host returned before the workers stopped");
        Assert.Equal(1, host.Probe.ReconcilesFinishedAfterStop);
        Assert.Equal(0, host.Status.ExitCode);
        var lease = await _fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, ns);
        Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity), $"lease still held by {lease.Spec.HolderIdentity}");
    }

    [Fact]
    public async Task TwoHosts_SameLease_OnlyLeaderRunsWorkersAndFollowerTakesOverOnStop()
    {
        var ns = await _fixture.CreateNamespaceAsync("host-failover");
        await using var first = await OperatorHostHarness.StartAsync(_fixture.KubeconfigPath, LeaderElectionFlags(ns));
        first.Probe.AllowSync();
        await first.Probe.WorkersStarted.WaitAsync(Patience);

        await using var second = await OperatorHostHarness.StartAsync(_fixture.KubeconfigPath, LeaderElectionFlags(ns));
        second.Probe.AllowSync();
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var response = await second.GetAsync("/readyz");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience), "a follower must report ready once its caches synced");
        var followerReady = DateTime.UtcNow;

        // Several retry periods: the follower keeps campaigning and never runs workers while the leader renews.
        await LeaseRenewals.SpanningAsync(_fixture.Client, ns, LeaseName, first.Elector.Identity, followerReady, TimeSpan.FromSeconds(2), Patience);
        Assert.False(second.Probe.WorkersStarted.IsCompleted, "the follower ran workers while the leader held the lease");
        Assert.False(second.Status.WorkersRunning);
        Assert.Equal(first.Elector.Identity, second.Elector.Leader);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await first.StopAsync();
        await second.Probe.WorkersStarted.WaitAsync(Patience);

        // The leader released the Lease: the follower did not wait for it to expire (5 s).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took over after {clock.Elapsed}");
        var lease = await _fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, ns);
        Assert.Equal(second.Elector.Identity, lease.Spec.HolderIdentity);
    }

    [Fact]
    public async Task Leader_LeaseTakenByAnother_StopsProcessWithExitCode1()
    {
        var ns = await _fixture.CreateNamespaceAsync("host-lost");
        await using var host = await OperatorHostHarness.StartAsync(_fixture.KubeconfigPath, LeaderElectionFlags(ns));
        host.Probe.AllowSync();
        await host.Probe.WorkersStarted.WaitAsync(Patience);

        // Someone else writes itself into the Lease with a long duration: every renewal of ours now fails.
        // The leader renews every retry period, so the write may race a renewal and has to be retried.
        for (var attempt = 0; ; attempt++)
        {
            var lease = await _fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, ns);
            lease.Spec.HolderIdentity = "intruder";
            lease.Spec.LeaseDurationSeconds = 120;
            lease.Spec.RenewTime = DateTime.UtcNow;
            try
            {
                await _fixture.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, LeaseName, ns);
                break;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
            }
        }

        var stopping = new TaskCompletionSource();
        using (host.Stopping.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task.WaitAsync(Patience);
        }

        Assert.Equal(1, host.Status.ExitCode);
        await host.Probe.WorkersStopped.WaitAsync(Patience);
        var after = await _fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, ns);
        Assert.Equal("intruder", after.Spec.HolderIdentity);
    }

    [Fact]
    public async Task Host_LeaderElectionOff_RunsWorkersWithoutLease()
    {
        var ns = await _fixture.CreateNamespaceAsync("host-single");
        await using var host = await OperatorHostHarness.StartAsync(_fixture.KubeconfigPath, "--leader-election", "false", "--leader-election-namespace", ns);
        host.Probe.AllowSync();

        await host.Probe.WorkersStarted.WaitAsync(Patience);

        var leases = await _fixture.Client.CoordinationV1.ListNamespacedLeaseAsync(ns);
        Assert.Empty(leases.Items);
    }

    private static string[] LeaderElectionFlags(string ns) =>
    [
        "--leader-election-namespace", ns, "--leader-election-id", LeaseName,
        "--lease-duration", "5s", "--renew-deadline", "3s", "--retry-period", "500ms",
    ];

    private static async Task<string> ScrapeAsync(OperatorHostHarness host)
    {
        using var response = await host.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of one series in Prometheus text; labels as written between the braces, null for none.</summary>
    private static double MetricValue(string exposition, string name, string? labels)
    {
        foreach (Match match in SampleLine().Matches(exposition))
        {
            if (match.Groups["name"].Value == name && (labels is null ? !match.Groups["labels"].Success : match.Groups["labels"].Value == labels))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return double.NaN;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
