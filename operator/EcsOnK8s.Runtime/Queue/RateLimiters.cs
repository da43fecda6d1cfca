namespace EcsOnK8s.Runtime.Queue;

/// <summary>Ready-made limiters.</summary>
public static class RateLimiters
{
    /// <summary>
    /// client-go's default controller limiter: per-key backoff 5 ms doubling to 1000 s, combined (longest wins) with
    /// an overall bucket of 10 per second, burst 100.
    /// </summary>
    public static IRateLimiter<TKey> Default<TKey>(TimeProvider? timeProvider = null)
        where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(new ExponentialBackoffRateLimiter<TKey>(), new BucketRateLimiter<TKey>(timeProvider));
}
