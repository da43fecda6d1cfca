namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>The limits of the events endpoint: EventBridge's PutEvents limits, and a body cap enforced before parsing.</summary>
public static class IngestLimits
{
    /// <summary>Entries per PutEvents request (and events per CloudEvents batch).</summary>
    public const int MaxEntries = 10;

    /// <summary>
    /// An entry's size as EventBridge counts it: the UTF-8 bytes of Source, DetailType, Detail and each Resource,
    /// plus 14 when Time is given.
    /// </summary>
    public const int MaxEntryBytes = 256 * 1024;

    /// <summary>
    /// The most a request body may carry, checked while it is read: ten full entries with their JSON escaping
    /// (Detail is a JSON string inside JSON) and room for the envelope.
    /// </summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>JSON nesting a body or a Detail may have.</summary>
    public const int MaxDepth = 64;
}
