using System.Diagnostics;
using EcsOnK8s.Runtime.LeaderElection;
using EcsOnK8s.Testing;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// Two electors on one real Lease (4 s lease, 3 s renew deadline, 500 ms retry) hand leadership over. (With a 1 s
/// renew deadline, a leader on a machine stalled by disk waits missed it and lost the lease in the clean-clone CI.)
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class LeaseHandoverTests
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly KubeFixture _fixture;

    public LeaseHandoverTests(KubeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SecondElector_FirstStopsGracefully_LeadsWithinOneRetryWindow()
    {
        var ns = await _fixture.CreateNamespaceAsync("lease-graceful");
        var elapsed = await HandOverAsync(ns, releaseOnCancel: true);

        // The first elector cleared the holder: no waiting for the lease to expire.
        Assert.True(elapsed < LeaseDuration, $"took {elapsed}");
    }

    [Fact]
    public async Task SecondElector_FirstStopsWithoutRelease_LeadsWithinLeaseDurationPlusRetry()
    {
        var ns = await _fixture.CreateNamespaceAsync("lease-crash");
        var elapsed = await HandOverAsync(ns, releaseOnCancel: false);

        // A crashed leader releases nothing: the follower waits the lease out, then acquires on its next attempt
        // (retry period x the elector's jitter of up to 2.2), plus a second for API round trips on a busy machine.
        var bound = LeaseDuration + (RetryPeriod * 2.2) + TimeSpan.FromSeconds(1);
        Assert.True(elapsed <= bound, $"took {elapsed}, more than {bound}");
    }

    private async Task<TimeSpan> HandOverAsync(string ns, bool releaseOnCancel)
    {
        var first = CreateRunner(ns, "first", releaseOnCancel);
        var second = CreateRunner(ns, "second", releaseOnCancel: true);
        using var firstCts = new CancellationTokenSource();
        using var secondCts = new CancellationTokenSource();
        var firstLeads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondLeads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var firstRun = first.RunAsync(ct => HoldAsync(firstLeads, ct), firstCts.Token);
        await firstLeads.Task.WaitAsync(Patience);
        var followerStarted = DateTime.UtcNow;
        var secondRun = second.RunAsync(ct => HoldAsync(secondLeads, ct), secondCts.Token);

        // Let the follower observe the leader renewing for two lease durations: it must not take over a live lease.
        await LeaseRenewals.SpanningAsync(_fixture.Client, ns, "handover", first.Identity, followerStarted, LeaseDuration * 2, Patience);
        Assert.False(secondLeads.Task.IsCompleted, "the follower took over a lease that was being renewed");
        Assert.Equal(first.Identity, second.Leader);

        var clock = Stopwatch.StartNew();
        await firstCts.CancelAsync();
        Assert.Equal(LeadershipOutcome.Cancelled, await firstRun.WaitAsync(Patience));
        await secondLeads.Task.WaitAsync(Patience);
        var elapsed = clock.Elapsed;

        var lease = await _fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("handover", ns);
        Assert.Equal(second.Identity, lease.Spec.HolderIdentity);
        Assert.True(lease.Spec.LeaseTransitions >= 1, $"leaseTransitions {lease.Spec.LeaseTransitions}");

        await secondCts.CancelAsync();
        await secondRun.WaitAsync(Patience);
        return elapsed;
    }

    private LeaderElectionRunner CreateRunner(string ns, string name, bool releaseOnCancel)
    {
        var options = new LeaderElectionOptions
        {
            LeaseName = "handover",
            LeaseNamespace = ns,
            LeaseDuration = LeaseDuration,
            RenewDeadline = RenewDeadline,
            RetryPeriod = RetryPeriod,
        };
        var client = new Kubernetes(_fixture.Config);
        var config = LeaseLeaderElection.CreateConfig(client, options, LeaderElectionIdentity.Create(name));
        return new LeaderElectionRunner(config, NullLogger<LeaderElectionRunner>.Instance, releaseOnCancel);
    }

    private static async Task HoldAsync(TaskCompletionSource leads, CancellationToken cancellationToken)
    {
        leads.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
