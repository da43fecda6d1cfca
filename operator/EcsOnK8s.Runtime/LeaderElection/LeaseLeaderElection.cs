using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>Builds KubernetesClient's leader election configuration on a coordination.k8s.io/v1 Lease.</summary>
public static class LeaseLeaderElection
{
    /// <param name="client">Client used to read, create and renew the Lease.</param>
    /// <param name="options">Validated options; <see cref="LeaderElectionOptions.LeaseNamespace"/> must be set.</param>
    /// <param name="identity">Holder identity of this replica.</param>
    public static LeaderElectionConfig CreateConfig(IKubernetes client, LeaderElectionOptions options, string identity)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        if (string.IsNullOrEmpty(options.LeaseNamespace))
        {
            throw new ArgumentException("the lease namespace is not set", nameof(options));
        }

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        var leaseLock = new LeaseLock(client, options.LeaseNamespace, options.LeaseName, identity);
        return new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
    }
}
