namespace EcsOnK8s.Translation.Report;

/// <summary>Why a field was rejected, so that callers decide from the kind and never from the reason's wording.</summary>
public enum RejectionKind
{
    /// <summary>The field is not rejected.</summary>
    None,

    /// <summary>The input is invalid or has no Kubernetes counterpart EcsOnK8s can render.</summary>
    Unsupported,

    /// <summary>The input is valid but the EcsCluster's spec.policy does not allow it.</summary>
    Policy,
}
