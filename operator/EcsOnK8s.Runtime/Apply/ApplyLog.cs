using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Runtime.Apply;

internal static partial class ApplyLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied {Kind} {Key} (hash {Hash})")]
    public static partial void Applied(ILogger logger, string kind, ObjectKey key, string hash);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Pruned {Kind} {Key}: no longer desired by {OwnerKind} {Owner}")]
    public static partial void Pruned(ILogger logger, string kind, ObjectKey key, string ownerKind, ObjectKey owner);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Status of {Kind} {Key} written")]
    public static partial void StatusWritten(ILogger logger, string kind, ObjectKey key);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Status of {Kind} {Key} met a conflict; reading it again (attempt {Attempt})")]
    public static partial void StatusConflict(ILogger logger, string kind, ObjectKey key, int attempt);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Deleted {Kind} {Key}")]
    public static partial void Deleted(ILogger logger, string kind, ObjectKey key);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "{Kind} {Key} belongs to {HolderKind} {Holder}: not written for {Owner}")]
    public static partial void OwnershipConflict(ILogger logger, string kind, ObjectKey key, string holderKind, string holder, string owner);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "{Kind} {Key} belonged to a deleted predecessor (uid {PredecessorUid}) of its owner's name: taken over")]
    public static partial void TakenFromPredecessor(ILogger logger, string kind, ObjectKey key, string predecessorUid);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Created {Kind} {Key}")]
    public static partial void Created(ILogger logger, string kind, ObjectKey key);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "{Kind} {Key} carries the desired hash but fields applied to it were changed or removed by someone else: applying it again")]
    public static partial void FieldsTaken(ILogger logger, string kind, ObjectKey key);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "{Kind} {Key} is not in the cache but exists: reading it before applying")]
    public static partial void NameTaken(ILogger logger, string kind, ObjectKey key);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "{Kind}: the API server refused a create-only apply ({Reason}); new objects of this kind are read before they are applied")]
    public static partial void CreateOnlyRefused(ILogger logger, string kind, string reason);
}
