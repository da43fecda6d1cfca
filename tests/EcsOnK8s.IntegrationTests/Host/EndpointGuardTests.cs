using System.Diagnostics;
using EcsOnK8s.Operator.Endpoints;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

public sealed class EndpointGuardTests
{
    [Fact]
    public void FailedAuthentications_BeyondTheBucket_AddressThrottledOthersNot()
    {
        using var guard = new EndpointGuard(new EndpointLimits());
        for (var i = 0; i < 20; i++)
        {
            Assert.True(guard.MayAuthenticate("10.0.0.1"), $"attempt {i}");
            guard.CountFailedAuthentication("10.0.0.1");
        }

        Assert.False(guard.MayAuthenticate("10.0.0.1"));
        Assert.True(guard.MayAuthenticate("10.0.0.2"));
    }

    [Fact]
    public async Task FailedAuthentications_FractionOfAPermitRefilled_StillThrottled()
    {
        // The limiter takes no TimeProvider (System.Threading.RateLimiting reads the Stopwatch; dotnet/runtime#106447),
        // so time is real and the verdict is guarded instead: a round judges only when, by the Stopwatch, the
        // limiter's refills (every 100 ms) have had time to add a fraction of a permit and a whole one (1 s at 1/s)
        // has not come; a round stalled past that by a loaded machine proves nothing and another is played.
        using var guard = new EndpointGuard(new EndpointLimits { AuthenticationFailuresPerSecond = 1 });
        var judged = 0;
        for (var round = 0; round < 10 && judged == 0; round++)
        {
            var address = $"10.0.0.{round}";
            var first = Stopwatch.GetTimestamp();
            for (var i = 0; i < 4; i++)
            {
                guard.CountFailedAuthentication(address);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
            var allowed = guard.MayAuthenticate(address);
            if (Stopwatch.GetElapsedTime(first) < TimeSpan.FromMilliseconds(900))
            {
                Assert.False(allowed, $"round {round}: an address was let in on a fraction of a permit");
                judged++;
            }
        }

        Assert.True(judged == 1, "no round finished within the time of one permit");
    }

    [Fact]
    public void Identity_BeyondTheBurst_Throttled()
    {
        using var guard = new EndpointGuard(new EndpointLimits { RequestsPerSecond = 1, Burst = 5 });

        Assert.Equal(5, Enumerable.Range(0, 10).Count(_ => guard.TryAcquire("alice")));
        Assert.True(guard.TryAcquire("bob"));
    }

    public static TheoryData<string?, bool, int, AdmissionVerdict, int> AdmitCases => new()
    {
        // identity (null: refused), counts against the address, requests, verdict of the last, authentications run
        { "alice", false, 1, AdmissionVerdict.Admitted, 1 },
        { "alice", false, 3, AdmissionVerdict.CallerThrottled, 3 },
        { null, true, 1, AdmissionVerdict.Refused, 1 },
        { null, true, 2, AdmissionVerdict.AddressThrottled, 1 },
        { null, false, 3, AdmissionVerdict.Refused, 3 },
    };

    [Theory]
    [MemberData(nameof(AdmitCases))]
    public async Task AdmitAsync_Sequence_VerdictAndAuthenticationsRun(string? identity, bool counts, int requests, AdmissionVerdict expected, int authentications)
    {
        // Buckets that refill once in 1,000 s: nothing refills while the test runs, however slow the machine.
        using var guard = new EndpointGuard(new EndpointLimits { RequestsPerSecond = 0.001, Burst = 2, AuthenticationFailuresPerSecond = 0.001 });
        var ran = 0;
        var verdict = AdmissionVerdict.Admitted;
        for (var i = 0; i < requests; i++)
        {
            var admission = await guard.AdmitAsync("10.0.0.1", () =>
            {
                ran++;
                return Task.FromResult(new Outcome(identity, counts));
            });
            verdict = admission.Verdict;
        }

        Assert.Equal(expected, verdict);
        Assert.Equal(authentications, ran);
    }

    private sealed record Outcome(string? Identity, bool CountsAgainstAddress) : IAuthenticationOutcome;
}
