namespace EcsOnK8s.Api.V1Alpha1;

public sealed class InferenceAcceleratorOverride
{
    /// <summary>The accelerator's name.</summary>
    public string? DeviceName { get; set; }

    /// <summary>The accelerator type to use instead.</summary>
    public string? DeviceType { get; set; }
}
