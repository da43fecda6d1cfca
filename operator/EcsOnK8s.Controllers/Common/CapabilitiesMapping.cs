using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Controllers.Common;

/// <summary>From what discovery found to what rendering needs.</summary>
public static class CapabilitiesMapping
{
    /// <summary>
    /// The capabilities of the discovered version (<see cref="ClusterCapabilities.ForVersion"/>; any major above 1 as
    /// 1.99), with the API versions the server actually serves, and the served versions of the foreign controllers'
    /// kinds (KEDA, the AWS Load Balancer Controller, Gateway API, External Secrets); 1.20's before the first discovery.
    /// </summary>
    public static ClusterCapabilities ToTranslation(DiscoveredCapabilities? discovered)
    {
        if (discovered is null)
        {
            return ClusterCapabilities.Kubernetes120;
        }

        // A server that serves none of a kind's versions is given the newest: rendering for it cannot succeed either way.
        var newest = ClusterCapabilities.Kubernetes130;
        return ClusterCapabilities.ForVersion(discovered.Major > 1 ? 99 : discovered.Minor) with
        {
            HpaApiVersion = discovered.HorizontalPodAutoscalerApiVersion ?? newest.HpaApiVersion,
            CronJobApiVersion = discovered.CronJobApiVersion ?? newest.CronJobApiVersion,
            PdbApiVersion = discovered.PodDisruptionBudgetApiVersion ?? newest.PdbApiVersion,
            KedaApiVersion = discovered.KedaApiVersion,
            TargetGroupBindingApiVersion = discovered.TargetGroupBindingApiVersion,
            HttpRouteApiVersion = discovered.HttpRouteApiVersion,
            ExternalSecretApiVersion = discovered.ExternalSecretApiVersion,
        };
    }
}
