namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>
/// The Pod Security Standards levels EcsOnK8s renders pods for (spec.podSecurity of an EcsCluster, the floor of an
/// EcsClusterPolicy), and the namespace label of Pod Security admission that hints at one.
/// </summary>
public static class PodSecurityLevels
{
    /// <summary>What EcsOnK8s renders by default: baseline, beyond what the cluster's policy allows.</summary>
    public const string Baseline = "baseline";

    /// <summary>Non-root, no privilege escalation, every capability dropped, seccomp RuntimeDefault, restricted volume types.</summary>
    public const string Restricted = "restricted";

    /// <summary>Kubernetes' label of the level Pod Security admission enforces in a namespace.</summary>
    public const string EnforceLabel = "pod-security.kubernetes.io/enforce";

    /// <summary>The stricter of two levels (null and unknown values count as baseline).</summary>
    public static string Stricter(string? a, string? b) => a == Restricted || b == Restricted ? Restricted : Baseline;
}
