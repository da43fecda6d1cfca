using EcsOnK8s.Events.Ecs;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// What one rule's targets were given of one task: per target the newest state version delivered (or given up on),
/// and the task's last state as observed, kept until its STOPPED state is done for every target, so a task that
/// vanished while the operator was down can still be reported STOPPED.
/// </summary>
public sealed class TaskDeliveryEntry
{
    public Dictionary<string, long> Delivered { get; init; } = new(StringComparer.Ordinal);

    public TaskStateChange? Last { get; set; }

    /// <summary>The version delivered to <paramref name="targetId"/>; 0 for none.</summary>
    public long DeliveredTo(string targetId) => Delivered.GetValueOrDefault(targetId);

    /// <summary>Records a delivery; a version older than the one recorded changes nothing (deliveries complete out of order across restarts).</summary>
    public bool MarkDelivered(string targetId, long version)
    {
        if (DeliveredTo(targetId) >= version)
        {
            return false;
        }

        Delivered[targetId] = version;
        return true;
    }

    /// <summary>True when every one of <paramref name="targetIds"/> has the STOPPED state: nothing of the task is left to deliver.</summary>
    public bool StoppedEverywhere(IEnumerable<string> targetIds) =>
        targetIds.All(t => DeliveredTo(t) >= TaskStateMapper.VersionOf(TaskState.Stopped));
}
