using System.Threading.RateLimiting;

namespace EcsOnK8s.Operator.Endpoints;

/// <summary>
/// The rate limits of <see cref="EndpointLimits"/>: a token bucket per authenticated identity (so one caller's flood
/// throttles that caller only) and one per client address for refused authentications. Buckets of callers that
/// went quiet are dropped by the limiter; none holds a token, only the identity's name or the address.
/// </summary>
public sealed class EndpointGuard : IDisposable
{
    private readonly PartitionedRateLimiter<string> _identities;
    private readonly PartitionedRateLimiter<string> _failures;

    public EndpointGuard(EndpointLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        _identities = PartitionedRateLimiter.Create<string, string>(identity => RateLimitPartition.GetTokenBucketLimiter(
            identity, _ => Bucket(limits.RequestsPerSecond, limits.Burst)));
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(
            address, _ => Bucket(limits.AuthenticationFailuresPerSecond, (int)Math.Ceiling(limits.AuthenticationFailuresPerSecond * 4))));
    }

    public EndpointLimits Limits { get; }

    /// <summary>
    /// The sequence both endpoints run before they act on a request: an address whose authentications keep being
    /// refused is throttled before it costs a look-up; then <paramref name="authenticate"/>; a refusal it counts
    /// is held against the address; an authenticated identity takes one permit of its rate.
    /// </summary>
    public async Task<Admission<TOutcome>> AdmitAsync<TOutcome>(string address, Func<Task<TOutcome>> authenticate)
        where TOutcome : class, IAuthenticationOutcome
    {
        ArgumentNullException.ThrowIfNull(authenticate);
        if (!MayAuthenticate(address))
        {
            return new(AdmissionVerdict.AddressThrottled, null);
        }

        var outcome = await authenticate().ConfigureAwait(false);
        if (outcome.Identity is not { } identity)
        {
            if (outcome.CountsAgainstAddress)
            {
                CountFailedAuthentication(address);
            }

            return new(AdmissionVerdict.Refused, outcome);
        }

        return new(TryAcquire(identity) ? AdmissionVerdict.Admitted : AdmissionVerdict.CallerThrottled, outcome);
    }

    /// <summary>Whether <paramref name="identity"/> may make one more request now (one permit taken when so).</summary>
    public bool TryAcquire(string identity)
    {
        using var lease = _identities.AttemptAcquire(identity);
        return lease.IsAcquired;
    }

    /// <summary>
    /// Whether a client at <paramref name="address"/> may try to authenticate now: false once its refused
    /// authentications used up its bucket (nothing is taken).
    /// </summary>
    public bool MayAuthenticate(string address) =>

        // A whole permit, not a zero-permit probe: the bucket refills continuously, so a probe would pass on a
        // fraction of a permit and the refusal that follows could not be counted.
        (_failures.GetStatistics(address)?.CurrentAvailablePermits ?? 1) >= 1;

    /// <summary>Counts a refused authentication against <paramref name="address"/>.</summary>
    public void CountFailedAuthentication(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public void Dispose()
    {
        _identities.Dispose();
        _failures.Dispose();
    }

    // The partitioned limiter replenishes on a timer of about 100 ms, so periods are whole seconds (the rate's
    // permits at once) rather than a fraction of a second per permit; below 1/s, one permit per 1/rate seconds.
    private static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst)
    {
        var (tokens, period) = perSecond >= 1 ? ((int)Math.Round(perSecond), TimeSpan.FromSeconds(1)) : (1, TimeSpan.FromSeconds(1 / perSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, 1),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
