namespace EcsOnK8s.Translation.Schedules;

/// <summary>The input of <see cref="AwsSchedule.Parse"/> a <see cref="ScheduleError"/> is about.</summary>
public enum ScheduleField
{
    /// <summary>The cron(), rate() or at() expression.</summary>
    Expression,

    /// <summary>The IANA time zone.</summary>
    TimeZone,

    /// <summary>The start date (no fire time before it).</summary>
    StartDate,

    /// <summary>The end date (no fire time after it).</summary>
    EndDate,
}
