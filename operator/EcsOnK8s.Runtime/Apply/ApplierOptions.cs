using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Apply;

/// <summary>Names the applier writes. The defaults are EcsOnK8s's (see EcsOnK8s.Api's EcsApi and WellKnown* constants).</summary>
public sealed record ApplierOptions
{
    /// <summary>Server-side apply field manager.</summary>
    public string FieldManager { get; init; } = "ecsonk8s-operator";

    /// <summary>Annotation holding the hash of the desired object (WellKnownAnnotations.DesiredHash).</summary>
    public string HashAnnotation { get; init; } = "ecsonk8s.io/desired-hash";

    /// <summary>Label every applied object carries, and that pruning requires (WellKnownLabels.ManagedBy).</summary>
    public string ManagedByLabel { get; init; } = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="ManagedByLabel"/> (WellKnownLabels.ManagedByValue).</summary>
    public string ManagedByValue { get; init; } = "ecsonk8s";

    /// <summary>Whether <paramref name="obj"/> carries the managed-by label, that is, an applier with these options wrote it.</summary>
    public bool IsManaged(IKubernetesObject<V1ObjectMeta>? obj) =>
        obj?.Metadata?.Labels?.TryGetValue(ManagedByLabel, out var value) == true && value == ManagedByValue;

    /// <summary>Attempts of a status write that meets optimistic-concurrency conflicts.</summary>
    public int StatusConflictRetries { get; init; } = 5;
}
