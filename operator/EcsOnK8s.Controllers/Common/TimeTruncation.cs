namespace EcsOnK8s.Controllers.Common;

/// <summary>Timestamps in status are whole seconds: what the API server keeps, so a re-read compares equal.</summary>
public static class TimeTruncation
{
    public static DateTime Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
