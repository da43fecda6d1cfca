namespace EcsOnK8s.Events.Patterns;

/// <summary>Unwinds the recursive parser to <see cref="EventPattern.Parse(string)"/>; never leaves this assembly.</summary>
internal sealed class PatternRefused(string path, string reason) : Exception(reason)
{
    public EventPatternError Error { get; } = new(path, reason);
}
