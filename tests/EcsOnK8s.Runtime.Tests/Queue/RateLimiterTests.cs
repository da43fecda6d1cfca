using EcsOnK8s.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void ExponentialBackoff_ManyFailures_DoublesFrom5msAndCapsAt1000s()
    {
        var limiter = new ExponentialBackoffRateLimiter<string>();

        var delays = Enumerable.Range(0, 40).Select(_ => limiter.When("a")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(10), delays[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(20), delays[2]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), delays[10]);
        // 5 ms * 2^17 = 655 s, * 2^18 = 1310 s > 1000 s.
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 131072), delays[17]);
        Assert.All(delays.Skip(18), d => Assert.Equal(TimeSpan.FromSeconds(1000), d));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("other"));
    }

    [Fact]
    public void Bucket_BurstThenSpacedAtQps()
    {
        var time = new FakeTimeProvider();
        var limiter = new BucketRateLimiter<string>(10, 100, time);

        var burst = Enumerable.Range(0, 100).Select(i => limiter.When($"k{i}")).ToList();
        var next = Enumerable.Range(0, 3).Select(i => limiter.When($"n{i}")).ToList();

        Assert.All(burst, d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal([100, 200, 300], next.Select(d => Math.Round(d.TotalMilliseconds)));
    }

    [Fact]
    public void Bucket_TokensRefillWithTimeUpToBurst()
    {
        var time = new FakeTimeProvider();
        var limiter = new BucketRateLimiter<string>(10, 5, time);
        for (var i = 0; i < 5; i++)
        {
            limiter.When("x");
        }

        time.Advance(TimeSpan.FromSeconds(0.3));
        Assert.Equal([0, 0, 0, 100], Enumerable.Range(0, 4).Select(_ => Math.Round(limiter.When("x").TotalMilliseconds)));

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5, Enumerable.Range(0, 6).Count(_ => limiter.When("x") == TimeSpan.Zero));
    }

    [Fact]
    public void Default_CombinesPerKeyBackoffAndBucket_LongestWins()
    {
        var time = new FakeTimeProvider();
        var limiter = RateLimiters.Default<string>(time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.When("a"));
        for (var i = 0; i < 98; i++)
        {
            limiter.When($"k{i}");
        }

        // The bucket is empty now: a fresh key waits for a token (100 ms) rather than its own 5 ms.
        Assert.Equal(100, Math.Round(limiter.When("fresh").TotalMilliseconds));
        Assert.Equal(2, limiter.NumRequeues("a"));
    }
}
