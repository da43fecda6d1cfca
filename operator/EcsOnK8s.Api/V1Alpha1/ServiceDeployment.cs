using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceDeployment
{
    public string? Id { get; set; }

    [EnumValues("PRIMARY", "ACTIVE", "INACTIVE")]
    public string? Status { get; set; }

    public string? TaskDefinition { get; set; }

    public int? DesiredCount { get; set; }

    public int? PendingCount { get; set; }

    public int? RunningCount { get; set; }

    public int? FailedTasks { get; set; }

    [EnumValues("IN_PROGRESS", "COMPLETED", "FAILED")]
    public string? RolloutState { get; set; }

    public string? RolloutStateReason { get; set; }

    public DateTime? CreatedAt { get; set; }

    public DateTime? UpdatedAt { get; set; }
}
