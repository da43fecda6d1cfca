using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Runtime.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Listed {Resource} in {Scope}: {Count} objects at resource version {ResourceVersion} ({Reason})")]
    public static partial void Listed(ILogger logger, string resource, string scope, int count, string resourceVersion, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Watch of {Resource} in {Scope} ended ({Reason}) at resource version {ResourceVersion}")]
    public static partial void WatchEnded(ILogger logger, string resource, string scope, string reason, string resourceVersion);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Resource version {ResourceVersion} of {Resource} in {Scope} expired; listing again")]
    public static partial void Expired(ILogger logger, string resource, string scope, string resourceVersion);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "List/watch of {Resource} in {Scope} failed ({Failures} in a row); retrying in {Delay}")]
    public static partial void Failed(ILogger logger, string resource, string scope, int failures, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "An event handler of {Resource} failed on {EventType}")]
    public static partial void HandlerFailed(ILogger logger, string resource, ResourceEventType eventType, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "{Resource} {Key} at resource version {ResourceVersion} cannot be read ({Path}: {Error}); it is left out of the cache until a readable version arrives")]
    public static partial void Undecodable(ILogger logger, string resource, string key, string resourceVersion, string path, string error);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "A handler of undecodable {Resource} failed")]
    public static partial void UndecodableHandlerFailed(ILogger logger, string resource, Exception exception);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "The cache transform of {Resource} failed on {Key}; the object is cached untrimmed")]
    public static partial void TransformFailed(ILogger logger, string resource, string key, Exception exception);
}
