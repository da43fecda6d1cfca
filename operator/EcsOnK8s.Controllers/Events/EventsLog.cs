using EcsOnK8s.Runtime;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Controllers.Events;

/// <summary>The event delivery's log messages. Reasons never carry secret values (invokers guarantee it).</summary>
internal static partial class EventsLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Event {EventId} delivered to target {TargetId} of rule {Rule} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string eventId, string targetId, ObjectKey rule, int attempt);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Event {EventId} to target {TargetId} of rule {Rule} failed (attempt {Attempt}), retry in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string eventId, string targetId, ObjectKey rule, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Event {EventId} to target {TargetId} of rule {Rule} is a dead letter: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string eventId, string targetId, ObjectKey rule, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "The invoker of target {TargetId} of rule {Rule} failed unexpectedly")]
    public static partial void InvokerFailed(ILogger logger, Exception error, string targetId, ObjectKey rule);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Could not write the delivery record {Name} in {Namespace}; retried")]
    public static partial void RecordWriteFailed(ILogger logger, Exception error, string @namespace, string name);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Could not delete the delivered event {Name} in {Namespace}; retried at the next start")]
    public static partial void PendingDeleteFailed(ILogger logger, Exception error, string @namespace, string name);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "The delivery record {Name} in {Namespace} cannot be read; it is ignored")]
    public static partial void RecordUnreadable(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Deriving ECS events failed; continuing")]
    public static partial void SourceFailed(ILogger logger, Exception error);
}
