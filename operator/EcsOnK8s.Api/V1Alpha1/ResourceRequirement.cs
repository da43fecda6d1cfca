using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ResourceRequirement
{
    /// <summary>The number of devices (GPU) or the accelerator's name.</summary>
    public string? Value { get; set; }

    /// <summary>GPU, InferenceAccelerator or NeuronDevice.</summary>
    [EnumValues("GPU", "InferenceAccelerator", "NeuronDevice")]
    public string? Type { get; set; }
}
