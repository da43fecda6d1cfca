namespace EcsOnK8s.Translation.Schedules;

/// <summary>Why a schedule was refused: the input at fault and the reason, for the caller to prefix with its path.</summary>
public sealed record ScheduleError(ScheduleField Field, string Reason);
