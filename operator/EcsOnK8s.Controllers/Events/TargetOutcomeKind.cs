namespace EcsOnK8s.Controllers.Events;

public enum TargetOutcomeKind
{
    Delivered,
    Retryable,
    Permanent,
}
