using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceDeployment
{
    /// <summary>The deployment's id (ecs-svc/...), stable for the life of the deployment.</summary>
    public string? Id { get; set; }

    /// <summary>PRIMARY (the current task definition), ACTIVE (an older one still running tasks) or INACTIVE (a failed one remembered).</summary>
    [EnumValues("PRIMARY", "ACTIVE", "INACTIVE")]
    public string? Status { get; set; }

    /// <summary>The deployment's task definition, family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>Tasks the deployment wants.</summary>
    public int? DesiredCount { get; set; }

    /// <summary>Tasks of the deployment started but not ready.</summary>
    public int? PendingCount { get; set; }

    /// <summary>Tasks of the deployment running and ready.</summary>
    public int? RunningCount { get; set; }

    /// <summary>Tasks of the deployment that failed (counted by the circuit breaker).</summary>
    public int? FailedTasks { get; set; }

    /// <summary>IN_PROGRESS, COMPLETED (all tasks running and steady) or FAILED (circuit breaker or progress deadline).</summary>
    [EnumValues("IN_PROGRESS", "COMPLETED", "FAILED")]
    public string? RolloutState { get; set; }

    /// <summary>Why the rollout is in its state.</summary>
    public string? RolloutStateReason { get; set; }

    /// <summary>When the deployment started.</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>When the deployment's counts or state last changed.</summary>
    public DateTime? UpdatedAt { get; set; }
}
