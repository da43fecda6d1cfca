using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Controllers.Common;

/// <summary>From what discovery found to what rendering needs.</summary>
public static class CapabilitiesMapping
{
    public static ClusterCapabilities ToTranslation(DiscoveredCapabilities? discovered)
    {
        if (discovered is null)
        {
            return ClusterCapabilities.Kubernetes120;
        }

        return new ClusterCapabilities
        {
            KubernetesMinor = discovered.Major > 1 ? 99 : discovered.Minor,
            HpaApiVersion = discovered.HorizontalPodAutoscalerApiVersion ?? "autoscaling/v2",
            CronJobApiVersion = discovered.CronJobApiVersion ?? "batch/v1",
            PdbApiVersion = discovered.PodDisruptionBudgetApiVersion ?? "policy/v1",
            NativeSidecars = discovered.NativeSidecars,
            CronJobTimeZone = discovered.CronJobTimeZone,
            ExternalSecrets = discovered.ExternalSecretsInstalled,
        };
    }
}
