namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// Why an event pattern was refused: <paramref name="Path"/> is a JSON path into the pattern (<c>$</c> for the whole
/// pattern, e.g. <c>$.detail.size[0].numeric</c>) and <paramref name="Reason"/> says what is wrong there.
/// </summary>
public sealed record EventPatternError(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
