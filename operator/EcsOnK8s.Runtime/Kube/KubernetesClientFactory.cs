using EcsOnK8s.Runtime.Diagnostics;
using k8s;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>Creates the Kubernetes client the runtime uses: requests counted, no client-side timeout on watches.</summary>
public static class KubernetesClientFactory
{
    /// <summary>
    /// A client for <paramref name="config"/> whose requests are counted in <paramref name="metrics"/>;
    /// <paramref name="extraHandlers"/> run outside the counter (tests use them to cut connections).
    /// </summary>
    public static Kubernetes Create(KubernetesClientConfiguration config, RuntimeMetrics metrics, params DelegatingHandler[] extraHandlers)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(metrics);
        DelegatingHandler[] handlers = [.. extraHandlers, new ApiRequestMetricsHandler(metrics)];
        return new Kubernetes(config, handlers);
    }
}
