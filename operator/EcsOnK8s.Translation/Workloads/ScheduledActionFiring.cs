namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// A fire time of a scheduled scaling action: the bounds the action sets and, once it ran, whether it could set
/// them (<see cref="Applied"/>) and what Application Auto Scaling would say about it (<see cref="Message"/>).
/// </summary>
/// <param name="Name">The scheduled action's name (its path when it has none).</param>
/// <param name="Index">Its index in <c>scheduledActions</c>: the order of actions that fire at the same time.</param>
/// <param name="Time">The fire time.</param>
/// <param name="MinCapacity">The minimum it sets, or null.</param>
/// <param name="MaxCapacity">The maximum it sets, or null.</param>
public sealed record ScheduledActionFiring(string Name, int Index, DateTimeOffset Time, int? MinCapacity, int? MaxCapacity)
{
    /// <summary>True when the action set its bounds; false when it would have left the minimum above the maximum.</summary>
    public bool Applied { get; init; } = true;

    /// <summary>"Successfully set min capacity to 3 and max capacity to 10", or why nothing was set; empty for a future fire time.</summary>
    public string Message { get; init; } = string.Empty;
}
