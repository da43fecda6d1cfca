namespace EcsOnK8s.Controllers.Tasks;

/// <summary>How the operator watches over the start of EcsTasks.</summary>
public sealed record TaskOptions
{
    /// <summary>The default of <see cref="StartTimeout"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a task's Job may have no pod before the operator reads the Job's events for a refusal
    /// (FailedCreate): the Job controller creates a pod within a second when nothing refuses it.
    /// </summary>
    public TimeSpan RefusalGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When the events are read the last time if they showed no refusal before: a Job controller that is slow under
    /// load gets a second look; past it, a Job with no pod and no refusal is left alone.
    /// </summary>
    public TimeSpan RefusalLookout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the events are read again while a task's pod is refused.</summary>
    public TimeSpan RefusalRecheck { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a task's pod may be refused before the task is stopped (stopCode TaskFailedToStart, the refusal in
    /// stoppedReason): ECS does not leave a task that cannot start pending for ever.
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = DefaultStartTimeout;
}
