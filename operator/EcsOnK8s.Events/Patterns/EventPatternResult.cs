namespace EcsOnK8s.Events.Patterns;

/// <summary>The outcome of <see cref="EventPattern.Parse(string)"/>: the pattern, or the error that refused it.</summary>
public sealed record EventPatternResult(EventPattern? Pattern, EventPatternError? Error);
