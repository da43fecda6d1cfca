namespace EcsOnK8s.Operator.Endpoints;

/// <summary>
/// The bounds an endpoint that takes requests from outside the operator (the events endpoint; the ECS API later)
/// holds every caller to, so that no input, however large, slow or frequent, costs the operator more than a
/// bounded share of its time: the rest keeps reconciling.
/// </summary>
public sealed record EndpointLimits
{
    /// <summary>Default of <see cref="RequestsPerSecond"/>.</summary>
    public const double DefaultRequestsPerSecond = 20;

    /// <summary>Default of <see cref="Burst"/>.</summary>
    public const int DefaultBurst = 40;

    /// <summary>Requests per second one authenticated identity may make, on average (a token bucket refilled at this rate).</summary>
    public double RequestsPerSecond { get; init; } = DefaultRequestsPerSecond;

    /// <summary>Requests one identity may make at once after a quiet while (the bucket's size).</summary>
    public int Burst { get; init; } = DefaultBurst;

    /// <summary>
    /// Refused authentications (unknown token, or an identity without the right) per second one client address may
    /// cause, with a burst of four times as many: each costs the API server a TokenReview, so a flood of made-up
    /// tokens is throttled before it reaches the API server.
    /// </summary>
    public double AuthenticationFailuresPerSecond { get; init; } = 5;

    /// <summary>How long a client may take to send the request line and headers (Kestrel answers 408 after).</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a client may take to send the whole body once the headers are in (408 after).</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The slowest a body may arrive, after <see cref="MinBodyRateGrace"/>: a client that trickles bytes to hold a
    /// connection open is cut off (408) well before <see cref="BodyTimeout"/>.
    /// </summary>
    public double MinBodyBytesPerSecond { get; init; } = 1024;

    public TimeSpan MinBodyRateGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One message per problem, naming the flag.</summary>
    public IEnumerable<string> Validate(string rateFlag, string burstFlag)
    {
        if (!double.IsFinite(RequestsPerSecond) || RequestsPerSecond <= 0 || RequestsPerSecond > 100_000)
        {
            yield return $"--{rateFlag}: must be above 0 and at most 100000";
        }

        if (Burst is < 1 or > 1_000_000)
        {
            yield return $"--{burstFlag}: must be between 1 and 1000000";
        }
    }
}
