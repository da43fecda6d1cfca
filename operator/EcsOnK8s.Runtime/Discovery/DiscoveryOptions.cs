namespace EcsOnK8s.Runtime.Discovery;

/// <summary>How often discovery runs again (the host's <c>--discovery-interval</c>).</summary>
public sealed record DiscoveryOptions
{
    /// <summary>The default interval: one minute, a handful of GETs of discovery documents.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    public TimeSpan Interval { get; init; } = DefaultInterval;
}
