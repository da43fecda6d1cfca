using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Runtime.Reconciliation;

internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Controller {Controller} waiting for caches")]
    public static partial void WaitingForCaches(ILogger logger, string controller);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Controller {Controller} caches synced; starting {Workers} workers")]
    public static partial void Started(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Reconciled {Controller} {Key}: {Result} in {ElapsedMs} ms")]
    public static partial void Reconciled(ILogger logger, string controller, ObjectKey key, ReconcileResult result, double elapsedMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Key} failed; retry {Retry} with backoff")]
    public static partial void TransientError(ILogger logger, string controller, ObjectKey key, int retry, Exception? exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Key} failed terminally ({Reason}) at generation {Generation}; waiting for a change")]
    public static partial void TerminalError(ILogger logger, string controller, ObjectKey key, string? reason, long? generation);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Reconcile of {Controller} {Key} threw; treated as a transient error")]
    public static partial void Threw(ILogger logger, string controller, ObjectKey key, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    public static partial void Stopped(ILogger logger, string controller);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Reconcile of {Controller} {Key} stopped: {Reason}; this worker takes no more work")]
    public static partial void WriteRefused(ILogger logger, string controller, ObjectKey key, string reason);
}
