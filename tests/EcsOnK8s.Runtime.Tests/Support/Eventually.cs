using Microsoft.Extensions.Time.Testing;

namespace EcsOnK8s.Runtime.Tests.Support;

/// <summary>Waits (in real time) for a condition that background loops make true, optionally moving a fake clock along.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, FakeTimeProvider? time = null, TimeSpan? step = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for: {what}");
            }

            if (time is not null && step is { } s)
            {
                time.Advance(s);
            }

            await Task.Delay(5);
        }
    }
}
