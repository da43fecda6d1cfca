using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A Kubernetes condition (metav1.Condition).</summary>
public sealed class Condition
{
    /// <summary>The condition's type: Ready, Progressing, Degraded or Ended.</summary>
    [SchemaRequired]
    public string? Type { get; set; }

    /// <summary>True, False or Unknown.</summary>
    [SchemaRequired]
    [EnumValues("True", "False", "Unknown")]
    public string? Status { get; set; }

    /// <summary>A machine-readable PascalCase reason for the condition's last transition, e.g. SteadyState or RolloutFailed.</summary>
    public string? Reason { get; set; }

    /// <summary>A human-readable explanation of the condition.</summary>
    public string? Message { get; set; }

    /// <summary>The metadata.generation the condition was computed from; older than the object's generation means stale.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>When the condition's status last changed.</summary>
    public DateTime? LastTransitionTime { get; set; }
}
