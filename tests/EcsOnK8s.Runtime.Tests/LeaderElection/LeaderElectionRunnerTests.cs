using EcsOnK8s.Runtime.LeaderElection;
using k8s.LeaderElection;
using EcsOnK8s.Testing.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.LeaderElection;

/// <summary>
/// The runner around KubernetesClient's LeaderElector, on an in-memory lock with short (real-clock) timings:
/// 1 s lease, 500 ms renew deadline, 100 ms retry; its write fence runs on a fake clock.
/// </summary>
public sealed class LeaderElectionRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_FreeLock_RunsWorkAndReleasesOnCancel()
    {
        var lease = new InMemoryLock("me");
        var runner = CreateRunner(lease);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        var run = runner.RunAsync(async ct =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }, cts.Token);

        var leadingToken = await started.Task.WaitAsync(Patience);
        Assert.True(runner.IsLeader);
        Assert.Equal("me", lease.Current?.HolderIdentity);
        Assert.False(leadingToken.IsCancellationRequested);

        await cts.CancelAsync();
        var outcome = await run.WaitAsync(Patience);

        Assert.Equal(LeadershipOutcome.Cancelled, outcome);
        Assert.True(leadingToken.IsCancellationRequested);
        Assert.False(runner.IsLeader);
        Assert.Equal(string.Empty, lease.Current?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_ReleaseOnCancelOff_KeepsHolder()
    {
        var lease = new InMemoryLock("me");
        var runner = CreateRunner(lease, releaseOnCancel: false);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        var run = runner.RunAsync(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }, cts.Token);
        await started.Task.WaitAsync(Patience);
        await cts.CancelAsync();

        Assert.Equal(LeadershipOutcome.Cancelled, await run.WaitAsync(Patience));
        Assert.Equal("me", lease.Current?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_LockHeldAndRenewedByOther_NeverRunsWork()
    {
        var lease = new InMemoryLock("me", Record("other"));
        var renewals = 0;

        // The other holder renews between any two looks of ours, however slowly this machine runs: the Lease never
        // looks expired, so only a runner that ran work without holding it could fail this.
        lease.BeforeRead = () => lease.Current = Record("other", ++renewals);
        var runner = CreateRunner(lease);
        using var cts = new CancellationTokenSource();
        var workRan = false;

        var run = runner.RunAsync(_ =>
        {
            workRan = true;
            return Task.CompletedTask;
        }, cts.Token);

        // The elector waits a retry period (100 ms) between two attempts: 26 reads span at least 2.5 lease durations.
        await Eventually.TrueAsync(() => lease.Reads >= 26, "26 attempts to acquire the Lease", Patience);

        Assert.Equal("other", runner.Leader);
        Assert.Throws<LeadershipLostException>(() => runner.Fence.ThrowIfClosed("POST /x"));
        await cts.CancelAsync();
        Assert.Equal(LeadershipOutcome.Cancelled, await run.WaitAsync(Patience));
        Assert.False(workRan);
        Assert.Equal("other", lease.Current?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_HolderStopsRenewing_TakesOverAfterLeaseDuration()
    {
        var lease = new InMemoryLock("me", Record("crashed"));
        var runner = CreateRunner(lease);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = runner.RunAsync(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }, cts.Token);
        await started.Task.WaitAsync(Patience);
        var elapsed = clock.Elapsed;

        Assert.True(elapsed >= TimeSpan.FromSeconds(0.9), $"took over after {elapsed}, before the lease expired");
        Assert.Equal("me", lease.Current?.HolderIdentity);
        Assert.Equal(1, lease.Current?.LeaderTransitions);
        await cts.CancelAsync();
        await run.WaitAsync(Patience);
    }

    [Fact]
    public async Task RunAsync_RenewRefused_ReturnsLostAndStopsWork()
    {
        var lease = new InMemoryLock("me");
        var log = new ElectionErrors();
        var runner = CreateRunner(lease, logger: log);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = runner.RunAsync(async ct =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }, CancellationToken.None);
        var leadingToken = await started.Task.WaitAsync(Patience);

        // Another replica took the Lease over: every renewal of ours is now refused.
        lease.RefuseWrites = true;
        lease.Current = Record("usurper");
        var outcome = await run.WaitAsync(Patience);

        Assert.Equal(LeadershipOutcome.Lost, outcome);
        Assert.True(leadingToken.IsCancellationRequested);
        Assert.False(runner.IsLeader);
        Assert.Equal("usurper", lease.Current?.HolderIdentity);

        // The elector leaves its renew attempt running past the deadline; it would take the Lease back once the
        // usurper's record looked expired. Its loop reports how it ends: cancelled (what the runner must do), or
        // not at all when it wrote.
        lease.RefuseWrites = false;
        var updates = lease.Updates;
        await Eventually.TrueAsync(() => log.Cancelled, "the abandoned renew attempt cancelled", Patience);
        Assert.Equal(updates, lease.Updates);
        Assert.Equal("usurper", lease.Current?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_WorkReturnsOnItsOwn_StepsDownAndReleases()
    {
        var lease = new InMemoryLock("me");
        // Long timings: on a loaded machine a missed 500 ms renew deadline would make this a lost lease, which is not released.
        var runner = CreateRunner(lease, renewDeadline: TimeSpan.FromSeconds(5), leaseDuration: TimeSpan.FromSeconds(10));

        var outcome = await runner.RunAsync(_ => Task.Delay(300, CancellationToken.None), CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(LeadershipOutcome.WorkCompleted, outcome);
        Assert.Equal(string.Empty, lease.Current?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_WorkThrows_RethrowsAfterRelease()
    {
        var lease = new InMemoryLock("me");
        // Long timings: on a loaded machine a missed 500 ms renew deadline would make this a lost lease, which is not released.
        var runner = CreateRunner(lease, renewDeadline: TimeSpan.FromSeconds(5), leaseDuration: TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => runner.RunAsync(async _ =>
            {
                await Task.Delay(200, CancellationToken.None);
                throw new InvalidOperationException("boom");
            }, CancellationToken.None).WaitAsync(Patience));

        Assert.Equal("boom", error.Message);
        Assert.Equal(string.Empty, lease.Current?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_ReleasedLock_NextElectorAcquiresWithoutWaitingForExpiry()
    {
        var first = new InMemoryLock("first");
        var firstRunner = CreateRunner(first);
        using var firstCts = new CancellationTokenSource();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstRun = firstRunner.RunAsync(async ct =>
        {
            firstStarted.SetResult();
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }, firstCts.Token);
        await firstStarted.Task.WaitAsync(Patience);
        await firstCts.CancelAsync();
        await firstRun.WaitAsync(Patience);

        // A fresh lock object sharing the released record, as a second replica reading the same Lease would.
        var second = new InMemoryLock("second", first.Current);
        var secondRunner = CreateRunner(second);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await secondRunner.RunAsync(_ => Task.CompletedTask, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(LeadershipOutcome.WorkCompleted, outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.9), $"took {clock.Elapsed}: waited for expiry instead of taking the released lease");
    }

    [Fact]
    public async Task RunAsync_Leading_FenceOpenUntilStepDownThenClosedBeforeRelease()
    {
        var lease = new InMemoryLock("me");
        var runner = CreateRunner(lease);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync(async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);

            // Draining after a requested stop: the lease is still valid, so writes still pass.
            runner.Fence.ThrowIfClosed("PUT /drain");
        }, cts.Token);
        await started.Task.WaitAsync(Patience);
        runner.Fence.ThrowIfClosed("POST /x");

        await cts.CancelAsync();

        Assert.Equal(LeadershipOutcome.Cancelled, await run.WaitAsync(Patience));
        Assert.Equal(string.Empty, lease.Current?.HolderIdentity);
        Assert.Throws<LeadershipLostException>(() => runner.Fence.ThrowIfClosed("POST /x"));
    }

    [Fact]
    public async Task RunAsync_RenewalsFailPastTheFenceDeadline_WorkStopsAtOnceAndLeadershipIsLost()
    {
        // The elector's own renew deadline is 10 s of real time; the fence's is 10 s of the fake monotonic clock.
        var time = new FakeTimeProvider();
        var lease = new InMemoryLock("me");
        var runner = CreateRunner(lease, time: time, renewDeadline: TimeSpan.FromSeconds(10), leaseDuration: TimeSpan.FromSeconds(15));
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = runner.RunAsync(async ct =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }, CancellationToken.None);
        var leadingToken = await started.Task.WaitAsync(Patience);
        lease.RefuseWrites = true;
        time.Advance(TimeSpan.FromSeconds(9));
        runner.Fence.ThrowIfClosed("POST /still-valid");
        Assert.False(leadingToken.IsCancellationRequested);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // The process was frozen, or the API server unreachable, past the deadline on the monotonic clock.
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(leadingToken.IsCancellationRequested, "the work was not stopped when the fence closed");
        Assert.Throws<LeadershipLostException>(() => runner.Fence.ThrowIfClosed("POST /x"));
        Assert.Equal(LeadershipOutcome.Lost, await run.WaitAsync(Patience));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"returned after {clock.Elapsed}: waited for the elector's own deadline");
        Assert.Equal("me", lease.Current?.HolderIdentity);
    }

    [Fact]
    public async Task RunAsync_SlowRenewal_FenceCountsFromTheRenewalStart()
    {
        var time = new FakeTimeProvider();
        var lease = new InMemoryLock("me");
        var runner = CreateRunner(lease, time: time, renewDeadline: TimeSpan.FromSeconds(10), leaseDuration: TimeSpan.FromSeconds(15));
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The acquisition request takes 4 s: the server may have stored it at any point of those 4 s.
        lease.DuringWrite = () =>
        {
            // ... and every later renewal fails.
            lease.DuringWrite = () => lease.RefuseWrites = true;
            time.Advance(TimeSpan.FromSeconds(4));
        };
        var run = runner.RunAsync(async ct =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }, CancellationToken.None);
        var leadingToken = await started.Task.WaitAsync(Patience);

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.True(leadingToken.IsCancellationRequested, "the fence counted from the end of the renewal");
        Assert.Equal(LeadershipOutcome.Lost, await run.WaitAsync(Patience));
    }

    [Fact]
    public void Constructor_RenewDeadlineNotShorterThanLease_Throws()
    {
        // The fence lets writes through for a renew deadline after a renewal: past the lease duration, a follower
        // could already hold the Lease.
        Assert.Throws<ArgumentException>(() => CreateRunner(new InMemoryLock("me"), renewDeadline: TimeSpan.FromSeconds(1), leaseDuration: TimeSpan.FromSeconds(1)));
    }

    private static LeaderElectionRunner CreateRunner(
        InMemoryLock lease,
        bool releaseOnCancel = true,
        TimeProvider? time = null,
        TimeSpan? renewDeadline = null,
        TimeSpan? leaseDuration = null,
        ILogger<LeaderElectionRunner>? logger = null) =>
        new(
            new LeaderElectionConfig(lease)
            {
                LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(1),
                RenewDeadline = renewDeadline ?? TimeSpan.FromMilliseconds(500),
                RetryPeriod = TimeSpan.FromMilliseconds(100),
            },
            logger ?? NullLogger<LeaderElectionRunner>.Instance,
            releaseOnCancel,
            // The fence's clock stands still unless a test moves it: on a loaded machine a 500 ms real-time fence
            // would close under the tests of the elector itself.
            time ?? new FakeTimeProvider());

    // renewal tells renewals apart: the elector restarts its expiry count on a record it has not seen before.
    private static LeaderElectionRecord Record(string holder, int renewal = 0) => new()
    {
        HolderIdentity = holder,
        LeaseDurationSeconds = 1,
        AcquireTime = DateTime.UtcNow,
        RenewTime = DateTime.UtcNow.AddTicks(renewal),
        LeaderTransitions = 0,
    };

    /// <summary>The runner's log, for the elector errors it passes on (event 5109).</summary>
    private sealed class ElectionErrors : ILogger<LeaderElectionRunner>
    {
        private volatile bool _cancelled;

        /// <summary>True once the elector reported a loop of its own that ended by cancellation.</summary>
        public bool Cancelled => _cancelled;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 5109 && exception is OperationCanceledException)
            {
                _cancelled = true;
            }
        }
    }
}
