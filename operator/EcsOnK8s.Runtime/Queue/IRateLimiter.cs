namespace EcsOnK8s.Runtime.Queue;

/// <summary>Decides how long a key waits before it is retried.</summary>
public interface IRateLimiter<TKey>
    where TKey : notnull
{
    /// <summary>The delay before <paramref name="key"/> may run again; counts one more failure for it.</summary>
    TimeSpan When(TKey key);

    /// <summary>Forgets the failures of <paramref name="key"/> (it succeeded).</summary>
    void Forget(TKey key);

    /// <summary>How many times <paramref name="key"/> has been rate-limited since it was last forgotten.</summary>
    int NumRequeues(TKey key);
}
