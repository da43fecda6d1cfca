using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Translation.Security;

/// <summary>
/// Which Pod Security level a cluster's pods are rendered for: the EcsCluster's spec.podSecurity, raised to
/// restricted by a floor the tenant cannot lower (the namespace's enforce label, an EcsClusterPolicy). Pure.
/// </summary>
public static class PodSecurityLevel
{
    /// <summary>
    /// The level in force and what set it (for messages): restricted when <paramref name="floor"/> or the cluster
    /// asks for it, else baseline.
    /// </summary>
    public static (string Level, string Source) Resolve(EcsClusterSpec cluster, string clusterName, string? floor, string? floorSource)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (floor == PodSecurityLevels.Restricted)
        {
            return (PodSecurityLevels.Restricted, floorSource ?? "the namespace's floor");
        }

        return cluster.PodSecurity == PodSecurityLevels.Restricted
            ? (PodSecurityLevels.Restricted, $"EcsCluster {clusterName} spec.podSecurity")
            : (PodSecurityLevels.Baseline, cluster.PodSecurity is null ? "the default" : $"EcsCluster {clusterName} spec.podSecurity");
    }
}
