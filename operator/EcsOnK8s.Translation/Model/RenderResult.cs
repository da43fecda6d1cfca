using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Model;

/// <summary>The desired Kubernetes objects, in a deterministic order, and the report that explains them.</summary>
public sealed record RenderResult(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects, TranslationReport Report)
{
    /// <summary>True when the input was rejected; then <see cref="Objects"/> is empty.</summary>
    public bool Rejected => Report.HasRejections;

    /// <summary>
    /// The objects of <see cref="Objects"/> named after what the task definition refers to (its task role, volumes and
    /// secrets) rather than after the workload: every workload of a namespace that refers to the same role, volume or
    /// secret renders the same object, with the same content, so no one workload may own it.
    /// </summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Shared { get; init; } = [];

    /// <summary>
    /// For a schedule the operator times (no CronJob): the Job each run copies, named after the schedule (a run's Job
    /// adds the fire time). Not among <see cref="Objects"/>: nothing applies it as it is.
    /// </summary>
    public V1Job? RunTemplate { get; init; }
}
