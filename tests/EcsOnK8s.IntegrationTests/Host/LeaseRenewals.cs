using EcsOnK8s.Testing.Common;
using k8s;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// A barrier for "the follower did not take over a live lease": instead of sleeping, wait until the Lease itself
/// shows the leader renewing over a span that would have let a follower ignoring the renewals take over.
/// </summary>
internal static class LeaseRenewals
{
    /// <summary>
    /// Returns once <paramref name="holder"/> has renewed the Lease at <paramref name="since"/> plus
    /// <paramref name="span"/> or later; a slow leader only makes the wait longer.
    /// </summary>
    public static Task SpanningAsync(IKubernetes client, string ns, string lease, string holder, DateTime since, TimeSpan span, TimeSpan timeout) =>
        Eventually.ValueAsync(
            () => client.CoordinationV1.ReadNamespacedLeaseAsync(lease, ns),
            current => current.Spec.HolderIdentity == holder && current.Spec.RenewTime is { } renewed && renewed.ToUniversalTime() >= since + span,
            $"{holder} to renew the lease {ns}/{lease} until {since + span:O}",
            timeout + span,
            TimeSpan.FromMilliseconds(200),
            current => $"holder {current.Spec.HolderIdentity}, renewed {current.Spec.RenewTime:O}");
}
