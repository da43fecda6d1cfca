using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Workloads;

namespace EcsOnK8s.Controllers.Services;

/// <summary>Everything the status of a service is computed from in one reconcile pass.</summary>
public sealed record ServiceObservation
{
    public required string ServiceName { get; init; }

    public required string ServiceUid { get; init; }

    public long Generation { get; init; }

    public int DesiredCount { get; init; }

    /// <summary>The revision the spec asks for (family:revision after resolution).</summary>
    public required string RequestedTaskDefinition { get; init; }

    /// <summary>The revision rendered in this pass: the requested one, or the rollback target.</summary>
    public required string EffectiveTaskDefinition { get; init; }

    public required IReadOnlyList<WorkloadObservation> Workloads { get; init; }

    /// <summary>Tasks of the effective revision stopped in this pass because an essential container exited.</summary>
    public int NewlyFailedTasks { get; init; }

    public bool CircuitBreakerEnabled { get; init; }

    public bool Rollback { get; init; }

    public required string Selector { get; init; }

    public EcsServiceStatus? Previous { get; init; }

    /// <summary>The scalable target's bounds and scheduled actions at <see cref="Now"/>; null without autoScaling.</summary>
    public ScheduledScalingResult? Scaling { get; init; }

    public DateTime Now { get; init; }
}
