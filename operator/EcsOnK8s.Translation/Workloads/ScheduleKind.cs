namespace EcsOnK8s.Translation.Workloads;

/// <summary>The three forms of an AWS schedule expression.</summary>
public enum ScheduleKind
{
    /// <summary><c>cron(minutes hours day-of-month month day-of-week year)</c>.</summary>
    Cron,

    /// <summary><c>rate(value unit)</c>.</summary>
    Rate,

    /// <summary><c>at(yyyy-mm-ddThh:mm:ss)</c>: a one-time schedule.</summary>
    At,
}
