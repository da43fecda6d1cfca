using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Translation.Model;

/// <summary>
/// Everything <see cref="Renderer.Render"/> needs: the task definition revision, exactly one workload (service,
/// task or scheduled task), the cluster it runs in, what the target Kubernetes serves and the instant, for what
/// depends on time. Nothing else is read.
/// </summary>
public sealed record RenderRequest
{
    public required ResolvedTaskDefinition TaskDefinition { get; init; }

    /// <summary>The EcsCluster; a cluster with an empty spec (all defaults, all privileges denied) when null.</summary>
    public EcsCluster? Cluster { get; init; }

    public ClusterCapabilities Capabilities { get; init; } = ClusterCapabilities.Kubernetes130;

    public EcsService? Service { get; init; }

    public EcsTask? Task { get; init; }

    public EcsScheduledTask? ScheduledTask { get; init; }

    /// <summary>
    /// The instant to render for (the operator's clock); null offline. A service's scheduled scaling actions that
    /// ran by then set the bounds in force; without it the registered bounds hold.
    /// </summary>
    public DateTimeOffset? Now { get; init; }
}
