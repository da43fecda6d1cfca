namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>What happens to a task's EBS volume when the task stops.</summary>
public sealed class TaskManagedEbsVolumeTerminationPolicy
{
    /// <summary>Delete the volume with the task (the default in ECS).</summary>
    public bool? DeleteOnTermination { get; set; }
}
