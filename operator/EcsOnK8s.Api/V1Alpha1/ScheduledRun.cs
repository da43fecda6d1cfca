namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>One run of a schedule: its fire time, its Job and the ECS state of its tasks.</summary>
public sealed class ScheduledRun
{
    /// <summary>The nominal fire time (a flexible time window may start the run later).</summary>
    public DateTime? ScheduledTime { get; set; }

    /// <summary>The Job that runs this run's tasks.</summary>
    public string? JobName { get; set; }

    /// <summary>PROVISIONING, PENDING, RUNNING, STOPPED for the run's tasks as a whole.</summary>
    public string? LastStatus { get; set; }

    public List<TaskInstanceStatus>? Tasks { get; set; }
}
