namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>RunTask overrides.</summary>
public sealed class TaskOverride
{
    public List<ContainerOverride>? ContainerOverrides { get; set; }

    public string? Cpu { get; set; }

    public string? Memory { get; set; }

    public string? ExecutionRoleArn { get; set; }

    public string? TaskRoleArn { get; set; }

    public EphemeralStorage? EphemeralStorage { get; set; }

    public List<InferenceAcceleratorOverride>? InferenceAcceleratorOverrides { get; set; }
}
