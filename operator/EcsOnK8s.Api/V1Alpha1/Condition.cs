using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A Kubernetes condition (metav1.Condition).</summary>
public sealed class Condition
{
    [SchemaRequired]
    public string? Type { get; set; }

    [SchemaRequired]
    [EnumValues("True", "False", "Unknown")]
    public string? Status { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }

    public long? ObservedGeneration { get; set; }

    public DateTime? LastTransitionTime { get; set; }
}
