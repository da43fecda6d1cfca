namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An event a target never got.</summary>
public sealed class EventDeadLetter
{
    /// <summary>The id of the event that could not be delivered.</summary>
    public string? EventId { get; set; }

    /// <summary>The target that could not take it.</summary>
    public string? TargetId { get; set; }

    /// <summary>When it was given up on.</summary>
    public DateTime? Time { get; set; }

    /// <summary>Why: the last error, or the retry policy or invocation cap that ended it.</summary>
    public string? Reason { get; set; }
}
