namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>Kinds of <see cref="ReconcileResult"/>.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged; run again only when something it watches changes.</summary>
    Done,

    /// <summary>Converged for now; run again after a delay (e.g. waiting on a rollout or a schedule).</summary>
    RequeueAfter,

    /// <summary>Failed in a way that may pass (API error, conflict): retried with per-key backoff.</summary>
    TransientError,

    /// <summary>
    /// Cannot succeed with this spec (invalid input): not retried until the object's generation changes or a child or
    /// referenced object changes. The reconciler reports it in a status condition itself.
    /// </summary>
    TerminalError,
}
