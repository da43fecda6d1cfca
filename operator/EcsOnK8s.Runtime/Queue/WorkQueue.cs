using EcsOnK8s.Runtime.Diagnostics;

namespace EcsOnK8s.Runtime.Queue;

/// <summary>
/// A queue of keys to reconcile, with client-go's guarantees: a key is queued at most once however often it is
/// added; a key a worker holds is never handed to another worker, and if it was added meanwhile it is queued again
/// when the holder calls <see cref="Done"/>; delayed and rate-limited adds. Time comes from a
/// <see cref="TimeProvider"/>, so tests run it on a fake clock.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly Dictionary<TKey, long> _queuedAt = [];
    private readonly Dictionary<TKey, long> _startedAt = [];
    private readonly Dictionary<TKey, DateTimeOffset> _delayed = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> _delayedOrder = new();
    private readonly IRateLimiter<TKey> _limiter;
    private readonly TimeProvider _time;
    private readonly RuntimeMetrics? _metrics;
    private readonly ITimer _timer;
    private readonly IDisposable? _tracking;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;
    private bool _shuttingDown;

    /// <param name="name">Name for metrics (usually the controller's).</param>
    /// <param name="rateLimiter">Limiter of <see cref="AddRateLimited"/>; <see cref="RateLimiters.Default{TKey}"/> when null.</param>
    /// <param name="timeProvider">Clock; the system clock when null.</param>
    /// <param name="metrics">Metrics (depth, delayed keys, adds, retries, latency, work duration); none when null.</param>
    public WorkQueue(string name, IRateLimiter<TKey>? rateLimiter = null, TimeProvider? timeProvider = null, RuntimeMetrics? metrics = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _time = timeProvider ?? TimeProvider.System;
        _limiter = rateLimiter ?? RateLimiters.Default<TKey>(_time);
        _metrics = metrics;
        _timer = _time.CreateTimer(static state => ((WorkQueue<TKey>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _tracking = metrics?.TrackQueue(name, UnfinishedWork);
    }

    public string Name { get; }

    /// <summary>Keys waiting to be handed out (not counting delayed ones nor the ones being processed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Keys waiting for their delay (<see cref="AddAfter"/>, <see cref="AddRateLimited"/>).</summary>
    public int DelayedCount
    {
        get
        {
            lock (_lock)
            {
                return _delayed.Count;
            }
        }
    }

    /// <summary>Queues a key now, unless it is already queued; a key being processed is queued again at <see cref="Done"/>.</summary>
    public void Add(TKey key)
    {
        lock (_lock)
        {
            AddLocked(key);
        }
    }

    /// <summary>
    /// Queues a key after a delay; when it is already waiting, the earlier time wins. Returns when the add this call
    /// made is due (for <see cref="CancelAfter"/>), or null when it made none (no delay, or an earlier one waits).
    /// </summary>
    public DateTimeOffset? AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return null;
        }

        lock (_lock)
        {
            if (_shuttingDown)
            {
                return null;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var existing) && existing <= due)
            {
                return null;
            }

            _delayed[key] = due;
            _delayedOrder.Enqueue(key, due);
            UpdateDelayedLocked();
            ScheduleTimerLocked();
            return due;
        }
    }

    /// <summary>
    /// Drops the delayed add of <paramref name="key"/> due at <paramref name="due"/> (what <see cref="AddAfter"/>
    /// returned), unless it has fired or been replaced by an earlier one. True when it was dropped.
    /// </summary>
    public bool CancelAfter(TKey key, DateTimeOffset due)
    {
        lock (_lock)
        {
            if (!_delayed.TryGetValue(key, out var current) || current != due)
            {
                return false;
            }

            // Its heap entry is stale now: the timer skips it.
            _delayed.Remove(key);
            UpdateDelayedLocked();
            ScheduleTimerLocked();
            return true;
        }
    }

    /// <summary>Queues a key after the rate limiter's delay (a retry after a failure).</summary>
    public void AddRateLimited(TKey key)
    {
        _metrics?.QueueRetries.WithLabels(Name).Inc();
        AddAfter(key, _limiter.When(key));
    }

    /// <summary>Forgets a key's failures: its next <see cref="AddRateLimited"/> starts again from the shortest delay.</summary>
    public void Forget(TKey key) => _limiter.Forget(key);

    /// <summary>How many rate-limited retries a key had since it was last forgotten.</summary>
    public int NumRequeues(TKey key) => _limiter.NumRequeues(key);

    /// <summary>
    /// Waits for a key and marks it as being processed; the caller must call <see cref="Done"/> with it. Returns null
    /// once the queue is shut down and drained. Throws <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public Task<WorkItem<TKey>?> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_queue.Count > 0)
            {
                return Task.FromResult<WorkItem<TKey>?>(new WorkItem<TKey>(TakeLocked()));
            }

            if (_shuttingDown)
            {
                return Task.FromResult<WorkItem<TKey>?>(null);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var waiter = new Waiter();
            waiter.Node = _waiters.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.Register(static state =>
                {
                    var (queue, w) = ((WorkQueue<TKey>, Waiter))state!;
                    queue.CancelWaiter(w);
                }, (this, waiter));
            }

            return waiter.Completion.Task;
        }
    }

    /// <summary>Marks a key as processed; queues it again if it was added while being processed.</summary>
    public void Done(TKey key)
    {
        lock (_lock)
        {
            if (_startedAt.Remove(key, out var started))
            {
                _metrics?.WorkDuration.WithLabels(Name).Observe(_time.GetElapsedTime(started).TotalSeconds);
            }

            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                EnqueueLocked(key);
            }
        }
    }

    /// <summary>
    /// Stops accepting keys; workers still get the keys already queued, then <see cref="GetAsync"/> returns null.
    /// Delayed keys are dropped.
    /// </summary>
    public void ShutDown()
    {
        List<Waiter> waiters;
        lock (_lock)
        {
            _shuttingDown = true;
            _delayed.Clear();
            _delayedOrder.Clear();
            UpdateDelayedLocked();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Registration.Unregister();
            waiter.Completion.TrySetResult(null);
        }
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
        _tracking?.Dispose();
    }

    /// <summary>
    /// The work workers hold now, as client-go measures it: the summed time every held key has been held, and the
    /// longest of them. A worker stuck on one key shows as both growing.
    /// </summary>
    public (TimeSpan Unfinished, TimeSpan Longest) UnfinishedWork()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var total = TimeSpan.Zero;
            var longest = TimeSpan.Zero;
            foreach (var started in _startedAt.Values)
            {
                var held = _time.GetElapsedTime(started, now);
                total += held;
                longest = held > longest ? held : longest;
            }

            return (total, longest);
        }
    }

    private void AddLocked(TKey key)
    {
        if (_shuttingDown || !_dirty.Add(key))
        {
            return;
        }

        _metrics?.QueueAdds.WithLabels(Name).Inc();
        if (!_processing.Contains(key))
        {
            EnqueueLocked(key);
        }
    }

    private void EnqueueLocked(TKey key)
    {
        _queuedAt[key] = _time.GetTimestamp();
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            var waiter = first.Value;
            waiter.Registration.Unregister();
            MarkProcessingLocked(key);
            if (waiter.Completion.TrySetResult(new WorkItem<TKey>(key)))
            {
                UpdateDepthLocked();
                return;
            }

            // The waiter was cancelled at the same moment: undo and try the next one.
            _processing.Remove(key);
            _startedAt.Remove(key);
            _dirty.Add(key);
            _queuedAt[key] = _time.GetTimestamp();
        }

        _queue.Enqueue(key);
        UpdateDepthLocked();
    }

    private TKey TakeLocked()
    {
        var key = _queue.Dequeue();
        MarkProcessingLocked(key);
        UpdateDepthLocked();
        return key;
    }

    private void MarkProcessingLocked(TKey key)
    {
        _processing.Add(key);
        _dirty.Remove(key);
        var now = _time.GetTimestamp();
        if (_queuedAt.Remove(key, out var queued))
        {
            _metrics?.QueueLatency.WithLabels(Name).Observe(_time.GetElapsedTime(queued, now).TotalSeconds);
        }

        _startedAt[key] = now;
    }

    private void UpdateDepthLocked() => _metrics?.QueueDepth.WithLabels(Name).Set(_queue.Count);

    private void UpdateDelayedLocked() => _metrics?.QueueDelayed.WithLabels(Name).Set(_delayed.Count);

    private void CancelWaiter(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is not null)
            {
                _waiters.Remove(waiter.Node);
            }
        }

        waiter.Completion.TrySetCanceled();
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _timerDue = DateTimeOffset.MaxValue;
            var now = _time.GetUtcNow();
            while (_delayedOrder.TryPeek(out var key, out var due) && due <= now)
            {
                _delayedOrder.Dequeue();
                if (_delayed.TryGetValue(key, out var current) && current == due)
                {
                    _delayed.Remove(key);
                    AddLocked(key);
                }
            }

            UpdateDelayedLocked();
            ScheduleTimerLocked();
        }
    }

    private void ScheduleTimerLocked()
    {
        // Drop stale heap entries (a key re-added with an earlier time) so the timer aims at a live one.
        while (_delayedOrder.TryPeek(out var key, out var due) && (!_delayed.TryGetValue(key, out var current) || current != due))
        {
            _delayedOrder.Dequeue();
        }

        if (!_delayedOrder.TryPeek(out _, out var next))
        {
            _timerDue = DateTimeOffset.MaxValue;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        if (next == _timerDue)
        {
            return;
        }

        _timerDue = next;
        var wait = next - _time.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<WorkItem<TKey>?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
