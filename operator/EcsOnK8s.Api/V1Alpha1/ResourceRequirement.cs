using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ResourceRequirement
{
    public string? Value { get; set; }

    [EnumValues("GPU", "InferenceAccelerator", "NeuronDevice")]
    public string? Type { get; set; }
}
