namespace EcsOnK8s.Api.V1Alpha1;

public sealed class InferenceAccelerator
{
    /// <summary>The accelerator's name, referenced by containers' resourceRequirements.</summary>
    public string? DeviceName { get; set; }

    /// <summary>The Elastic Inference accelerator type.</summary>
    public string? DeviceType { get; set; }
}
