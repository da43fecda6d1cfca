using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Queue;
using EcsOnK8s.Testing.Common;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Queue;

public sealed class WorkQueueTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RuntimeMetrics _metrics = new(Metrics.NewCustomRegistry());
    private readonly WorkQueue<string> _queue;

    public WorkQueueTests()
    {
        _queue = new WorkQueue<string>("test", new ExponentialBackoffRateLimiter<string>(), _time, _metrics);
    }

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task Add_SameKeyTwice_QueuedOnce()
    {
        _queue.Add("a");
        _queue.Add("a");
        _queue.Add("b");

        Assert.Equal(2, _queue.Count);
        Assert.Equal("a", (await _queue.GetAsync(CancellationToken.None))!.Value.Key);
        Assert.Equal("b", (await _queue.GetAsync(CancellationToken.None))!.Value.Key);
        Assert.Equal(0, _queue.Count);
        Assert.Equal(2, _metrics.QueueAdds.WithLabels("test").Value);
    }

    [Fact]
    public async Task Add_WhileProcessing_NotHandedOutUntilDone()
    {
        _queue.Add("a");
        var held = await _queue.GetAsync(CancellationToken.None);

        _queue.Add("a");
        _queue.Add("a");
        var second = _queue.GetAsync(CancellationToken.None);

        // A key added after a is handed to the waiting reader, so a was not available to it.
        _queue.Add("b");
        Assert.Equal("b", (await second.WaitAsync(TimeSpan.FromSeconds(5)))!.Value.Key);
        Assert.Equal(0, _queue.Count);

        _queue.Done(held!.Value.Key);
        Assert.Equal("a", (await _queue.GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)))!.Value.Key);
    }

    [Fact]
    public async Task Done_NotAddedMeanwhile_NotQueuedAgain()
    {
        _queue.Add("a");
        var item = await _queue.GetAsync(CancellationToken.None);
        _queue.Done(item!.Value.Key);

        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task GetAsync_ManyWorkers_EachKeyToOneWorkerAtATime()
    {
        var inFlight = new HashSet<int>();
        var overlap = false;
        var processed = 0;
        using var cts = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await _queue.GetAsync(cts.Token) is { } item)
            {
                lock (inFlight)
                {
                    overlap |= !inFlight.Add(int.Parse(item.Key));
                }

                await Task.Yield();
                lock (inFlight)
                {
                    inFlight.Remove(int.Parse(item.Key));
                    processed++;
                }

                _queue.Done(item.Key);
            }
        })).ToArray();

        for (var i = 0; i < 2000; i++)
        {
            _queue.Add((i % 10).ToString());
            if (i % 50 == 0)
            {
                await Task.Yield();
            }
        }

        await Eventually.TrueAsync(() => _queue.Count == 0, "every key handed out");

        _queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(overlap);
        Assert.InRange(processed, 10, 2000);
    }

    [Fact]
    public async Task AddRateLimited_RepeatedFailures_Waits5msDoubling()
    {
        var observed = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            _queue.AddRateLimited("a");
            observed.Add(TimeUntilQueued());
            var item = await _queue.GetAsync(CancellationToken.None);
            _queue.Done(item!.Value.Key);
        }

        Assert.Equal([5, 10, 20, 40, 80], observed.Select(t => t.TotalMilliseconds));
        Assert.Equal(5, _queue.NumRequeues("a"));
        Assert.Equal(5, _metrics.QueueRetries.WithLabels("test").Value);
    }

    [Fact]
    public void Forget_AfterFailures_BackoffStartsOver()
    {
        _queue.AddRateLimited("a");
        _queue.AddRateLimited("a");
        _queue.Forget("a");

        Assert.Equal(0, _queue.NumRequeues("a"));
        var limiter = new ExponentialBackoffRateLimiter<string>();
        limiter.When("a");
        limiter.Forget("a");
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void AddAfter_BeforeDelay_NotQueued_AfterDelay_Queued()
    {
        _queue.AddAfter("a", TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.Equal(0, _queue.Count);
        Assert.Equal(1, _queue.DelayedCount);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _queue.Count);
        Assert.Equal(0, _queue.DelayedCount);
    }

    [Fact]
    public async Task CancelAfter_TheAddItWasGiven_DroppedButNotAnEarlierOneOrOneThatFired()
    {
        var due = _queue.AddAfter("a", TimeSpan.FromSeconds(10));
        Assert.NotNull(due);
        Assert.True(_queue.CancelAfter("a", due.Value));
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal((0, 0), (_queue.Count, _queue.DelayedCount));

        // Replaced by an earlier add of someone else: that one stays.
        var mine = _queue.AddAfter("b", TimeSpan.FromSeconds(10));
        Assert.Null(_queue.AddAfter("b", TimeSpan.FromSeconds(20)));
        _queue.AddAfter("b", TimeSpan.FromSeconds(2));
        Assert.False(_queue.CancelAfter("b", mine!.Value));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _queue.Count);
        Assert.Equal("b", (await _queue.GetAsync(CancellationToken.None))!.Value.Key);

        // Already fired.
        var fired = _queue.AddAfter("c", TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_queue.CancelAfter("c", fired!.Value));
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public async Task AddAfter_SameKeyTwice_EarlierTimeWins()
    {
        _queue.AddAfter("a", TimeSpan.FromSeconds(10));
        _queue.AddAfter("a", TimeSpan.FromSeconds(2));
        _queue.AddAfter("a", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _queue.Count);
        _ = await _queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task AddAfter_SeveralKeys_ReleasedInDueOrder()
    {
        _queue.AddAfter("late", TimeSpan.FromSeconds(3));
        _queue.AddAfter("early", TimeSpan.FromSeconds(1));
        _queue.AddAfter("middle", TimeSpan.FromSeconds(2));

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            order.Add((await _queue.GetAsync(CancellationToken.None))!.Value.Key);
        }

        Assert.Equal(["early", "middle", "late"], order);
    }

    [Fact]
    public async Task ShutDown_WaitingWorkers_GetNullAfterDrain()
    {
        var waiting = _queue.GetAsync(CancellationToken.None);
        _queue.Add("a");
        Assert.Equal("a", (await waiting)!.Value.Key);

        _queue.Add("b");
        _queue.ShutDown();
        _queue.Add("c");

        Assert.Equal("b", (await _queue.GetAsync(CancellationToken.None))!.Value.Key);
        Assert.Null(await _queue.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ShutDown_BlockedGetter_Released()
    {
        var waiting = _queue.GetAsync(CancellationToken.None);
        _queue.ShutDown();

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task GetAsync_Cancelled_ThrowsAndKeyGoesToNextWorker()
    {
        using var cts = new CancellationTokenSource();
        var cancelled = _queue.GetAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        _queue.Add("a");
        Assert.Equal("a", (await _queue.GetAsync(CancellationToken.None))!.Value.Key);
    }

    [Fact]
    public async Task Metrics_QueueLatencyAndWorkDuration_ObservedOnFakeClock()
    {
        _queue.Add("a");
        _time.Advance(TimeSpan.FromSeconds(3));
        var item = await _queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        _queue.Done(item!.Value.Key);

        Assert.Equal(3, _metrics.QueueLatency.WithLabels("test").Sum, 3);
        Assert.Equal(2, _metrics.WorkDuration.WithLabels("test").Sum, 3);
        Assert.Equal(0, _metrics.QueueDepth.WithLabels("test").Value);
    }

    [Fact]
    public async Task Metrics_DelayedKeys_CountedUntilDueThenQueued()
    {
        // Pending work that is not yet in the queue: a barrier reading only the depth would call this queue idle.
        _queue.AddAfter("coalesced", TimeSpan.FromSeconds(2));
        _queue.AddAfter("coalesced", TimeSpan.FromSeconds(2));
        _queue.AddAfter("requeued", TimeSpan.FromSeconds(10));
        Assert.Equal((0, 2), (_metrics.QueueDepth.WithLabels("test").Value, _metrics.QueueDelayed.WithLabels("test").Value));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((1, 1), (_metrics.QueueDepth.WithLabels("test").Value, _metrics.QueueDelayed.WithLabels("test").Value));
        Assert.Equal("coalesced", (await _queue.GetAsync(CancellationToken.None))!.Value.Key);

        _queue.ShutDown();
        Assert.Equal(0, _metrics.QueueDelayed.WithLabels("test").Value);
    }

    [Fact]
    public async Task UnfinishedWork_TwoKeysHeld_SumAndLongestAsClientGoExportsThem()
    {
        _queue.Add("a");
        var a = await _queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        _queue.Add("b");
        var b = await _queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));

        var text = await ExportAsync();
        Assert.Contains("ecsonk8s_workqueue_unfinished_work_seconds{name=\"test\"} 20", text, StringComparison.Ordinal);
        Assert.Contains("ecsonk8s_workqueue_longest_running_processor_seconds{name=\"test\"} 15", text, StringComparison.Ordinal);

        _queue.Done(a!.Value.Key);
        _metrics.UpdateQueueGauges();
        Assert.Equal((5, 5), (_metrics.QueueUnfinishedWork.WithLabels("test").Value, _metrics.QueueLongestRunningProcessor.WithLabels("test").Value));

        _queue.Done(b!.Value.Key);
        _metrics.UpdateQueueGauges();
        Assert.Equal((0, 0), (_metrics.QueueUnfinishedWork.WithLabels("test").Value, _metrics.QueueLongestRunningProcessor.WithLabels("test").Value));
    }

    [Fact]
    public async Task UnfinishedWork_QueueDisposedWhileHolding_GaugesBackToZero()
    {
        _queue.Add("a");
        await _queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));
        _metrics.UpdateQueueGauges();
        Assert.Equal(3, _metrics.QueueLongestRunningProcessor.WithLabels("test").Value);

        _queue.Dispose();
        _time.Advance(TimeSpan.FromSeconds(3));
        _metrics.UpdateQueueGauges();

        Assert.Equal((0, 0), (_metrics.QueueUnfinishedWork.WithLabels("test").Value, _metrics.QueueLongestRunningProcessor.WithLabels("test").Value));
    }

    private async Task<string> ExportAsync()
    {
        using var stream = new MemoryStream();
        await _metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private TimeSpan TimeUntilQueued()
    {
        var waited = TimeSpan.Zero;
        while (_queue.Count == 0)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            waited += TimeSpan.FromMilliseconds(1);
            if (waited > TimeSpan.FromHours(1))
            {
                throw new TimeoutException("never queued");
            }
        }

        return waited;
    }
}
