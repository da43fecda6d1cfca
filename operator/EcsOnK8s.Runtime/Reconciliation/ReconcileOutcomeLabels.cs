namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>The <c>result</c> label of reconcile metrics: snake_case, as Prometheus label values are by convention.</summary>
public static class ReconcileOutcomeLabels
{
    public const string Done = "done";
    public const string RequeueAfter = "requeue_after";
    public const string TransientError = "transient_error";
    public const string TerminalError = "terminal_error";

    public static string Of(ReconcileOutcome outcome) => outcome switch
    {
        ReconcileOutcome.Done => Done,
        ReconcileOutcome.RequeueAfter => RequeueAfter,
        ReconcileOutcome.TransientError => TransientError,
        ReconcileOutcome.TerminalError => TerminalError,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a reconcile outcome"),
    };
}
