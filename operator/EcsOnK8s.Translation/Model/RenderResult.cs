using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Model;

/// <summary>The desired Kubernetes objects, in a deterministic order, and the report that explains them.</summary>
public sealed record RenderResult(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects, TranslationReport Report)
{
    /// <summary>True when the input was rejected; then <see cref="Objects"/> is empty.</summary>
    public bool Rejected => Report.HasRejections;
}
