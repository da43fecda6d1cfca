namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// What became of one posted event: accepted (its id), or refused with PutEvents' per-entry <c>ErrorCode</c> and
/// <c>ErrorMessage</c> (e.g. <c>InternalFailure</c> when its delivery could not be recorded; the client retries).
/// </summary>
public sealed record PublishOutcome(string EventId, string? ErrorCode = null, string? ErrorMessage = null)
{
    public bool Accepted => ErrorCode is null;
}
