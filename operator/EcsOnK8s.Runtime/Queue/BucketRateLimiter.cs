namespace EcsOnK8s.Runtime.Queue;

/// <summary>
/// An overall token bucket shared by all keys: <c>burst</c> retries at once, then <c>qps</c> per second. Each call
/// reserves the next token, so the returned delays space retries out evenly once the bucket is empty.
/// </summary>
public sealed class BucketRateLimiter<TKey> : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _qps;
    private readonly double _burst;
    private double _tokens;
    private long _last;

    /// <summary>10 per second, burst 100, as client-go.</summary>
    public BucketRateLimiter(TimeProvider? timeProvider = null)
        : this(10, 100, timeProvider)
    {
    }

    public BucketRateLimiter(double qps, int burst, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = timeProvider ?? TimeProvider.System;
        _qps = qps;
        _burst = burst;
        _tokens = burst;
        _last = _time.GetTimestamp();
    }

    public TimeSpan When(TKey key)
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _qps));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    public void Forget(TKey key)
    {
    }

    public int NumRequeues(TKey key) => 0;
}
