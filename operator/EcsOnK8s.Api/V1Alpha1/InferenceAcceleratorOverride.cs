namespace EcsOnK8s.Api.V1Alpha1;

public sealed class InferenceAcceleratorOverride
{
    public string? DeviceName { get; set; }

    public string? DeviceType { get; set; }
}
