using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An EventBridge Scheduler schedule whose target runs an ECS task.</summary>
public sealed class EcsScheduledTaskSpec
{
    /// <summary>The EcsCluster the tasks run in. Defaults to the cluster named by target.arn, else "default".</summary>
    public string? Cluster { get; set; }

    /// <summary>at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(min hour dom month dow year).</summary>
    [SchemaRequired]
    public string? ScheduleExpression { get; set; }

    /// <summary>IANA time zone of the expression; UTC by default.</summary>
    public string? ScheduleExpressionTimezone { get; set; }

    public string? StartDate { get; set; }

    public string? EndDate { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? State { get; set; }

    public string? Description { get; set; }

    public string? GroupName { get; set; }

    public FlexibleTimeWindow? FlexibleTimeWindow { get; set; }

    [EnumValues("NONE", "DELETE")]
    public string? ActionAfterCompletion { get; set; }

    public ScheduleTarget? Target { get; set; }

    /// <summary>Idempotency token of CreateSchedule; ignored.</summary>
    public string? ClientToken { get; set; }

    /// <summary>KMS key EventBridge Scheduler encrypts the target with; ignored off AWS.</summary>
    public string? KmsKeyArn { get; set; }
}
