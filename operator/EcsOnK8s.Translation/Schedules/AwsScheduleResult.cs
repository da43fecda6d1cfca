namespace EcsOnK8s.Translation.Schedules;

/// <summary>The outcome of <see cref="AwsSchedule.Parse"/>: a schedule, or the error that refused it.</summary>
public sealed record AwsScheduleResult(AwsSchedule? Schedule, ScheduleError? Error);
