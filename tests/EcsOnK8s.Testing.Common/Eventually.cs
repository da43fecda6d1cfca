namespace EcsOnK8s.Testing.Common;

/// <summary>
/// Waits (in real time) for a condition that something running in the background makes true. A wait that ends
/// without the condition fails the test with what was awaited; a test never sleeps a fixed time instead.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless told otherwise: generous, for a loaded machine.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> otherwise. <paramref name="betweenPolls"/> runs after each failed poll (e.g. to move
    /// a fake clock along).
    /// </summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Action? betweenPolls = null, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            betweenPolls?.Invoke();
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary>
    /// Reads until <paramref name="done"/> accepts the value read, and returns it; throws
    /// <see cref="TimeoutException"/> with the last value (through <paramref name="describe"/>) otherwise, or
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled first.
    /// </summary>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T>> read,
        Func<T, bool> done,
        string what,
        TimeSpan? timeout = null,
        TimeSpan? poll = null,
        Func<T, string>? describe = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await read();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = last is null ? "nothing" : describe is null ? last.ToString() : describe(last);
                throw new TimeoutException($"timed out waiting for {what}; last seen: {seen}");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="condition"/>; false when it did not hold within <paramref name="timeout"/>.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
