namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ScheduleTarget
{
    /// <summary>The ECS cluster ARN; its last segment names the EcsCluster.</summary>
    public string? Arn { get; set; }

    /// <summary>The IAM role EventBridge Scheduler uses to run the task. Recorded only.</summary>
    public string? RoleArn { get; set; }

    /// <summary>JSON text of the RunTask overrides, as EventBridge passes it.</summary>
    public string? Input { get; set; }

    /// <summary>How long and how often a run that could not start is retried.</summary>
    public RetryPolicy? RetryPolicy { get; set; }

    /// <summary>Where runs that could not start are sent. Recorded only.</summary>
    public DeadLetterConfig? DeadLetterConfig { get; set; }

    /// <summary>The task to run: task definition, count, launch type, placement, tags.</summary>
    public EcsParameters? EcsParameters { get; set; }
}
