using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A task-definition volume marked configuredAtLaunch, configured for a RunTask request.</summary>
public sealed class TaskVolumeConfiguration
{
    /// <summary>The name of the volume in the task definition.</summary>
    [SchemaRequired]
    public string? Name { get; set; }

    /// <summary>An Amazon EBS volume created for each task; becomes a PVC per task.</summary>
    public TaskManagedEbsVolumeConfiguration? ManagedEBSVolume { get; set; }
}
