namespace EcsOnK8s.Cli.Commands;

/// <summary>The parsed arguments of <c>ecsonk8s schedule next</c>; dates and the zone as given, checked by the evaluator.</summary>
public sealed record ScheduleOptions
{
    public required string Expression { get; init; }

    public string? TimeZone { get; init; }

    /// <summary>Fire times strictly after this instant; now when null.</summary>
    public string? After { get; init; }

    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public int Count { get; init; } = ScheduleCommand.DefaultCount;
}
