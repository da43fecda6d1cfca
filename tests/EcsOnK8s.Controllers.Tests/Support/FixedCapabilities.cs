using EcsOnK8s.Runtime.Discovery;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>A cluster that serves what Kubernetes 1.30 serves, discovered without an API server.</summary>
public sealed class FixedCapabilities : ICapabilitiesSource
{
    public DiscoveredCapabilities Capabilities { get; init; } = new()
    {
        GitVersion = "v1.30.0",
        Major = 1,
        Minor = 30,
        HorizontalPodAutoscalerApiVersion = "autoscaling/v2",
        CronJobApiVersion = "batch/v1",
        PodDisruptionBudgetApiVersion = "policy/v1",
    };

    public Task<DiscoveredCapabilities> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Capabilities);
}
