namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// The result of one delivery attempt: delivered; failed and worth retrying (a timeout, a 5xx, a 429, a conflict);
/// or failed for good (a 4xx, an input that cannot become the target's payload), which goes to the dead letters at
/// once. The reason names what failed and never carries a secret value.
/// </summary>
public sealed record TargetOutcome(TargetOutcomeKind Kind, string? Reason)
{
    public static TargetOutcome Delivered { get; } = new(TargetOutcomeKind.Delivered, null);

    public static TargetOutcome Retry(string reason) => new(TargetOutcomeKind.Retryable, reason);

    public static TargetOutcome Fail(string reason) => new(TargetOutcomeKind.Permanent, reason);
}
