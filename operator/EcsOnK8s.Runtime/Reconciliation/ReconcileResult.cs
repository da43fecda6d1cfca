namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>What a reconcile asks of the controller; see <see cref="ReconcileOutcome"/>.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, Exception? error, string? reason)
    {
        Outcome = outcome;
        Delay = delay;
        Error = error;
        Reason = reason;
    }

    public ReconcileOutcome Outcome { get; }

    /// <summary>For <see cref="ReconcileOutcome.RequeueAfter"/>.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For <see cref="ReconcileOutcome.TransientError"/>.</summary>
    public Exception? Error { get; }

    /// <summary>For <see cref="ReconcileOutcome.TerminalError"/>: a PascalCase reason, e.g. <c>TaskDefinitionInvalid</c>.</summary>
    public string? Reason { get; }

    /// <summary>Converged.</summary>
    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero, null, null);

    /// <summary>Run again after <paramref name="delay"/> (earlier if something changes).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new(ReconcileOutcome.RequeueAfter, delay, null, null);

    /// <summary>Retry with backoff.</summary>
    public static ReconcileResult TransientError(Exception error) =>
        new(ReconcileOutcome.TransientError, TimeSpan.Zero, error ?? throw new ArgumentNullException(nameof(error)), null);

    /// <summary>Do not retry until the object's generation changes (or a child or referenced object changes).</summary>
    public static ReconcileResult TerminalError(string reason) =>
        new(ReconcileOutcome.TerminalError, TimeSpan.Zero, null, reason ?? throw new ArgumentNullException(nameof(reason)));

    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.RequeueAfter => $"RequeueAfter({Delay})",
        ReconcileOutcome.TransientError => $"TransientError({Error?.Message})",
        ReconcileOutcome.TerminalError => $"TerminalError({Reason})",
        _ => Outcome.ToString(),
    };
}
