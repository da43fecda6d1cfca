namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>RunTask overrides.</summary>
public sealed class TaskOverride
{
    /// <summary>Per-container overrides.</summary>
    public List<ContainerOverride>? ContainerOverrides { get; set; }

    /// <summary>Replaces the task's CPU units.</summary>
    public string? Cpu { get; set; }

    /// <summary>Replaces the task's memory, in MiB.</summary>
    public string? Memory { get; set; }

    /// <summary>Replaces the execution role.</summary>
    public string? ExecutionRoleArn { get; set; }

    /// <summary>Replaces the task role.</summary>
    public string? TaskRoleArn { get; set; }

    /// <summary>Replaces the task's ephemeral storage.</summary>
    public EphemeralStorage? EphemeralStorage { get; set; }

    /// <summary>Replaces the task's inference accelerators.</summary>
    public List<InferenceAcceleratorOverride>? InferenceAcceleratorOverrides { get; set; }
}
