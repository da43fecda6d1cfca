namespace EcsOnK8s.IntegrationTests.Host;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms; false when it did not hold within <paramref name="timeout"/>.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
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

            await Task.Delay(100);
        }
    }
}
