namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>
/// How replicas of the operator agree on one leader through a coordination.k8s.io/v1 Lease. Only the leader runs
/// workers; the others keep warm caches and take over when the leader's lease expires or is released.
/// </summary>
public sealed class LeaderElectionOptions
{
    public const string DefaultLeaseName = "ecsonk8s-operator";

    /// <summary>
    /// The renew loop of KubernetesClient's LeaderElector waits up to 2.2 retry periods (its jitter factor of 1.2 plus
    /// one period) between attempts; the renew deadline has to leave room for that or a healthy leader steps down.
    /// </summary>
    public const double RetryJitterFactor = 1.2;

    /// <summary>False runs the workers at once without a Lease (one replica, local development).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Name of the Lease object.</summary>
    public string LeaseName { get; set; } = DefaultLeaseName;

    /// <summary>Namespace of the Lease; the host fills in its own namespace when this is empty.</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>How long followers wait after the last renewal they saw before they take the Lease over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives leadership up.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Holder identity written into the Lease; generated from the host name when empty.</summary>
    public string? Identity { get; set; }

    /// <summary>
    /// Clear the holder of the Lease when the leader stops on request, after its workers finished, so a follower
    /// takes over within a retry period instead of a whole lease duration.
    /// </summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Returns one message per problem; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enabled)
        {
            return errors;
        }

        if (string.IsNullOrWhiteSpace(LeaseName) || !KubernetesNames.IsDnsSubdomain(LeaseName))
        {
            errors.Add($"lease name '{LeaseName}' is not a valid object name (lowercase letters, digits, '-' and '.', at most 253 characters)");
        }

        if (!string.IsNullOrEmpty(LeaseNamespace) && !KubernetesNames.IsDnsLabel(LeaseNamespace))
        {
            errors.Add($"lease namespace '{LeaseNamespace}' is not a valid namespace name");
        }

        // The Lease stores whole seconds and KubernetesClient truncates: a 1.5 s lease would be written as 1 s and
        // followers would take over while the leader still believes it leads.
        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add($"lease duration {Durations.Format(LeaseDuration)} must be a whole number of seconds, at least 1s");
        }

        if (RetryPeriod <= TimeSpan.Zero)
        {
            errors.Add($"retry period {Durations.Format(RetryPeriod)} must be positive");
        }

        if (RenewDeadline <= TimeSpan.Zero)
        {
            errors.Add($"renew deadline {Durations.Format(RenewDeadline)} must be positive");
        }
        else if (RenewDeadline >= LeaseDuration)
        {
            errors.Add($"renew deadline {Durations.Format(RenewDeadline)} must be shorter than the lease duration {Durations.Format(LeaseDuration)}");
        }

        if (RetryPeriod > TimeSpan.Zero && RenewDeadline > TimeSpan.Zero && RenewDeadline <= RetryPeriod * RetryJitterFactor)
        {
            errors.Add($"renew deadline {Durations.Format(RenewDeadline)} must be longer than {RetryJitterFactor} x the retry period {Durations.Format(RetryPeriod)}");
        }

        return errors;
    }
}
