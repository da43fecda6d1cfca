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

    /// <summary>No invocation before this time (ISO 8601).</summary>
    public string? StartDate { get; set; }

    /// <summary>No invocation after this time (ISO 8601).</summary>
    public string? EndDate { get; set; }

    /// <summary>ENABLED (default) or DISABLED: a disabled schedule suspends its CronJob.</summary>
    [EnumValues("ENABLED", "DISABLED")]
    [SchemaDefault("ENABLED")]
    public string? State { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Schedule group; recorded as a label.</summary>
    public string? GroupName { get; set; }

    /// <summary>OFF, or FLEXIBLE with a window within which the run may start.</summary>
    public FlexibleTimeWindow? FlexibleTimeWindow { get; set; }

    /// <summary>DELETE removes a one-time schedule after its run; NONE keeps it.</summary>
    [EnumValues("NONE", "DELETE")]
    public string? ActionAfterCompletion { get; set; }

    /// <summary>The ECS target: cluster ARN, role, retry policy and the RunTask parameters (ecsParameters).</summary>
    public ScheduleTarget? Target { get; set; }

    /// <summary>Idempotency token of CreateSchedule; ignored.</summary>
    public string? ClientToken { get; set; }

    /// <summary>KMS key EventBridge Scheduler encrypts the target with; ignored off AWS.</summary>
    public string? KmsKeyArn { get; set; }
}
