using EcsOnK8s.Runtime.LeaderElection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.LeaderElection;

/// <summary>The write fence on a fake monotonic clock: 10 s validity after the start of the last renewal.</summary>
public sealed class LeaseWriteFenceTests : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly LeaseWriteFence _fence;

    public LeaseWriteFenceTests() => _fence = new LeaseWriteFence(Validity, _time);

    public void Dispose() => _fence.Dispose();

    [Fact]
    public void ThrowIfClosed_NeverRenewed_Refuses()
    {
        var error = Assert.Throws<LeadershipLostException>(() => _fence.ThrowIfClosed("POST /x"));

        Assert.Contains("POST /x", error.Message, StringComparison.Ordinal);
        Assert.Contains("not acquired", error.Message, StringComparison.Ordinal);
        Assert.False(_fence.IsOpen);
        Assert.False(_fence.Closed.IsCancellationRequested);
    }

    [Fact]
    public void ThrowIfClosed_UntilValidityAfterRenewalStart_AllowsThenRefuses()
    {
        _fence.Renewed(_time.GetTimestamp());

        _time.Advance(Validity - TimeSpan.FromTicks(1));
        _fence.ThrowIfClosed("PATCH /x");
        Assert.True(_fence.IsOpen);

        _time.Advance(TimeSpan.FromTicks(1));
        var error = Assert.Throws<LeadershipLostException>(() => _fence.ThrowIfClosed("PATCH /x"));
        Assert.Contains("may have been taken over", error.Message, StringComparison.Ordinal);
        Assert.False(_fence.IsOpen);
        Assert.True(_fence.Closed.IsCancellationRequested);
    }

    [Fact]
    public void ThrowIfClosed_RenewalRequestWasSlow_DeadlineCountsFromItsStart()
    {
        var started = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromSeconds(4));
        _fence.Renewed(started);

        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.Throws<LeadershipLostException>(() => _fence.ThrowIfClosed("PUT /x"));
    }

    [Fact]
    public void Closed_DeadlinePassesWithoutAnyWrite_CancelledByTheClockAlone()
    {
        _fence.Renewed(_time.GetTimestamp());
        _time.Advance(Validity - TimeSpan.FromMilliseconds(1));
        Assert.False(_fence.Closed.IsCancellationRequested);

        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(_fence.Closed.IsCancellationRequested);
    }

    [Fact]
    public void Renewed_BeforeDeadline_MovesItAndKeepsTheFenceOpen()
    {
        _fence.Renewed(_time.GetTimestamp());
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(8));
            _fence.Renewed(_time.GetTimestamp());
        }

        _time.Advance(TimeSpan.FromSeconds(9));

        _fence.ThrowIfClosed("DELETE /x");
        Assert.False(_fence.Closed.IsCancellationRequested);
    }

    [Fact]
    public void Renewed_AfterDeadlinePassed_FenceStaysClosed()
    {
        _fence.Renewed(_time.GetTimestamp());
        _time.Advance(Validity);

        // A late renewal (the process was frozen, then its attempt went through) does not make the stale view fresh.
        _fence.Renewed(_time.GetTimestamp());

        Assert.False(_fence.IsOpen);
        Assert.Throws<LeadershipLostException>(() => _fence.ThrowIfClosed("POST /x"));
    }

    [Fact]
    public void Renewed_StartOlderThanValidity_ClosesAtOnce()
    {
        var started = _time.GetTimestamp();
        _time.Advance(Validity + TimeSpan.FromSeconds(1));

        _fence.Renewed(started);
        _time.Advance(TimeSpan.Zero);

        Assert.True(_fence.Closed.IsCancellationRequested);
        Assert.Throws<LeadershipLostException>(() => _fence.ThrowIfClosed("POST /x"));
    }

    [Fact]
    public void Revoke_WhileValid_ClosesForGood()
    {
        _fence.Renewed(_time.GetTimestamp());

        _fence.Revoke();
        _fence.Renewed(_time.GetTimestamp());

        Assert.True(_fence.Closed.IsCancellationRequested);
        var error = Assert.Throws<LeadershipLostException>(() => _fence.ThrowIfClosed("POST /x"));
        Assert.Contains("no longer holds", error.Message, StringComparison.Ordinal);
    }
}
