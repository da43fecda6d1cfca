namespace EcsOnK8s.Cli.Commands;

/// <summary>The parsed arguments of <c>ecsonk8s events test-pattern</c>: each JSON inline or <c>@FILE</c>, as given.</summary>
public sealed record TestPatternOptions
{
    public required string EventPattern { get; init; }

    public required string Event { get; init; }
}
