namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Fire times that got no run, counted, with the latest few.</summary>
public sealed class ScheduledRunCount
{
    /// <summary>How many runs.</summary>
    public long? Count { get; set; }

    /// <summary>The latest such fire times (at most 5), oldest first.</summary>
    public List<DateTime>? Recent { get; set; }
}
