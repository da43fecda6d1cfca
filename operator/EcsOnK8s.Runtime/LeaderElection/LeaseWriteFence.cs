namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>
/// Tells whether this replica may still write as the leader, from its own monotonic clock: writes are allowed until
/// the START of the last successful renewal (or acquisition) of the Lease plus <see cref="Validity"/>. A follower takes
/// the Lease over no earlier than a lease duration after it saw that renewal, which the API server stored after it
/// started; so with a validity shorter than the lease duration (the renew deadline), a write that passes the fence is
/// sent while no other replica can hold the Lease. The monotonic clock keeps counting while the process is frozen
/// (SIGSTOP, a paused VM, a long GC), so a replica that wakes up after its lease expired sees it before its next write.
/// </summary>
/// <remarks>
/// Once the deadline has passed, or after <see cref="Revoke"/>, the fence stays closed for good, even if a late
/// renewal succeeds: the workers ran on a view that may be stale, and the process is expected to restart.
/// </remarks>
public sealed class LeaseWriteFence : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _gate = new();
    private long _deadline = long.MinValue;
    private bool _opened;
    private bool _isClosed;
    private bool _expired;
    private bool _disposed;

    /// <param name="validity">How long after a renewal started writes are allowed; shorter than the lease duration.</param>
    /// <param name="time">The clock; its <see cref="TimeProvider.GetTimestamp"/> must be monotonic.</param>
    public LeaseWriteFence(TimeSpan validity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        Validity = validity;
        _time = time;
        _timer = time.CreateTimer(_ => CloseIfExpired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Validity { get; }

    /// <summary>True between a successful renewal and its deadline (or <see cref="Revoke"/>).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _opened && !_isClosed && _time.GetTimestamp() < _deadline;
            }
        }
    }

    /// <summary>Cancelled the moment the fence closes after it was open: deadline passed, or revoked.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>
    /// Records a successful renewal whose request started at <paramref name="startedAt"/> (a timestamp of the
    /// fence's <see cref="TimeProvider"/>, taken before the request was sent). Ignored once the fence has closed.
    /// </summary>
    public void Renewed(long startedAt)
    {
        lock (_gate)
        {
            if (_isClosed || _disposed)
            {
                return;
            }

            var deadline = startedAt + ToTimestampTicks(Validity);
            _opened = true;
            if (deadline > _deadline)
            {
                _deadline = deadline;
            }

            // A renewal that took longer than the validity closes the fence at once, through the timer.
            var remaining = RemainingLocked();
            _timer.Change(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Closes the fence for good (leadership given up or lost).</summary>
    public void Revoke()
    {
        lock (_gate)
        {
            if (_isClosed)
            {
                return;
            }

            _isClosed = true;
            if (!_disposed)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        Cancel();
    }

    /// <summary>Throws <see cref="LeadershipLostException"/> unless a write may be sent now.</summary>
    /// <param name="write">What was about to be written, for the message (e.g. "PATCH /apis/apps/v1/...").</param>
    public void ThrowIfClosed(string write)
    {
        string? refusal;
        var expired = false;
        lock (_gate)
        {
            if (!_opened)
            {
                refusal = "this replica has not acquired the leader election lease";
            }
            else if (_isClosed && !_expired)
            {
                refusal = "this replica no longer holds the leader election lease";
            }
            else if (_isClosed || _time.GetTimestamp() >= _deadline)
            {
                refusal = $"the leader election lease was last renewed more than {Durations.Format(Validity)} ago and may have been taken over";
                expired = !_isClosed;
            }
            else
            {
                return;
            }
        }

        if (expired)
        {
            // Close before throwing, so the caller already sees its workers stopping; the timer may be late.
            CloseIfExpired();
        }

        throw new LeadershipLostException($"write refused ({write}): {refusal}");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
        }

        _closed.Dispose();
    }

    private void CloseIfExpired()
    {
        lock (_gate)
        {
            if (_isClosed || _disposed || !_opened)
            {
                return;
            }

            var remaining = RemainingLocked();
            if (remaining > TimeSpan.Zero)
            {
                // A renewal moved the deadline after this timer was armed.
                _timer.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }

            _isClosed = true;
            _expired = true;
        }

        Cancel();
    }

    private void Cancel()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // disposed while closing: nobody listens any more
        }
    }

    private TimeSpan RemainingLocked()
    {
        var now = _time.GetTimestamp();
        return now >= _deadline ? TimeSpan.Zero : _time.GetElapsedTime(now, _deadline);
    }

    private long ToTimestampTicks(TimeSpan duration) =>
        (long)Math.Floor(duration.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
}
