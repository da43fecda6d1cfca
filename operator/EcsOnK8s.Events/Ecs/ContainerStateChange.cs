namespace EcsOnK8s.Events.Ecs;

/// <summary>One container of a <see cref="TaskStateChange"/>.</summary>
public sealed record ContainerStateChange
{
    public required string Name { get; init; }

    /// <summary>PENDING, RUNNING or STOPPED.</summary>
    public required TaskState LastStatus { get; init; }

    public string? Image { get; init; }

    /// <summary>The exit code of a stopped container.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Why the container stopped, when not by its own exit (e.g. OutOfMemoryError).</summary>
    public string? Reason { get; init; }
}
