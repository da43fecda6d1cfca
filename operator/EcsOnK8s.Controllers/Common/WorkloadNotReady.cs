using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Reconciliation;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The workload cannot run its spec now: the condition reason and message to report, and whether the user must act
/// (<see cref="Degraded"/>) or it only waits for something to appear.
/// </summary>
public sealed record WorkloadNotReady(string Reason, string Message, bool Degraded) : WorkloadPreparation
{
    /// <summary>The translation summary when the spec was rendered; null when it failed before that.</summary>
    public TranslationSummary? Summary { get; init; }

    /// <summary>The child that could not be written, when that is the reason; its kind decides the retry.</summary>
    public ChildApplyFailure? ApplyFailure { get; init; }

    /// <summary>What the controller does once the status says so; <paramref name="reported"/> is that write's result.</summary>
    public ReconcileResult After(ReconcileResult reported) =>
        ApplyFailure is null ? reported : RenderedChildren.Outcome(ApplyFailure, reported);
}
