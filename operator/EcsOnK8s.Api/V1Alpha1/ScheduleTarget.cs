namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ScheduleTarget
{
    /// <summary>The ECS cluster ARN; its last segment names the EcsCluster.</summary>
    public string? Arn { get; set; }

    public string? RoleArn { get; set; }

    /// <summary>JSON text of the RunTask overrides, as EventBridge passes it.</summary>
    public string? Input { get; set; }

    public RetryPolicy? RetryPolicy { get; set; }

    public DeadLetterConfig? DeadLetterConfig { get; set; }

    public EcsParameters? EcsParameters { get; set; }
}
