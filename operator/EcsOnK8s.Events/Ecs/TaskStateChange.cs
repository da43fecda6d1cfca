namespace EcsOnK8s.Events.Ecs;

/// <summary>
/// What the operator observed of one task (a service's pod, an EcsTask's or a scheduled run's Job) at one state
/// version: the input of an "ECS Task State Change" event.
/// </summary>
public sealed record TaskStateChange
{
    /// <summary>The EcsCluster's name.</summary>
    public required string Cluster { get; init; }

    /// <summary>The Kubernetes UID of the task's object: the task id, and half of the event id.</summary>
    public required string TaskUid { get; init; }

    public required string TaskDefinitionFamily { get; init; }

    public required int TaskDefinitionRevision { get; init; }

    /// <summary>The EcsService the task belongs to; its group is then <c>service:NAME</c>.</summary>
    public string? ServiceName { get; init; }

    /// <summary>RunTask's group when one was given; otherwise <c>service:NAME</c> or <c>family:FAMILY</c>.</summary>
    public string? Group { get; init; }

    public required TaskState LastStatus { get; init; }

    public required TaskState DesiredStatus { get; init; }

    public TaskStopCode? StopCode { get; init; }

    public string? StoppedReason { get; init; }

    public IReadOnlyList<ContainerStateChange> Containers { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppingAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>When this state was reached: detail.updatedAt and the event's time.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES; ECS sets either this or the capacity provider.</summary>
    public string? LaunchType { get; init; }

    public string? CapacityProviderName { get; init; }

    public string? StartedBy { get; init; }

    /// <summary>Task-level CPU units and memory (MiB) as ECS writes them (strings).</summary>
    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    /// <summary>
    /// The task's state version: grows with every state change the operator reports, so a redelivery of the same
    /// state carries the same version (and event id) and a newer state a larger one.
    /// </summary>
    public required long Version { get; init; }
}
