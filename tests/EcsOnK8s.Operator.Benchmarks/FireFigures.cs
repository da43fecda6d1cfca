namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// What the Jobs seen say about a window of fire times: lateness of each run (first Job seen for a schedule and
/// fire time minus the fire time), duplicates (further Jobs for the same schedule and fire time), missed runs (a
/// schedule and fire time of the window with no Job by the deadline), Jobs for fire times outside the window and Jobs
/// whose name gives no fire time.
/// </summary>
internal sealed record FireFigures
{
    public int Expected { get; init; }

    public int Runs { get; init; }

    public int Duplicates { get; init; }

    public int Missed { get; init; }

    public int Outside { get; init; }

    public int Unparsed { get; init; }

    /// <summary>Watch receive time minus fire time, seconds, ascending.</summary>
    public IReadOnlyList<double> Lateness { get; init; } = [];

    /// <summary>creationTimestamp (whole seconds, truncated) minus fire time, seconds, ascending.</summary>
    public IReadOnlyList<double> CreatedLateness { get; init; } = [];

    /// <summary>Per fire time: runs seen and their 99th-percentile lateness.</summary>
    public IReadOnlyList<(DateTimeOffset FireTime, int Runs, double P99)> PerFireTime { get; init; } = [];

    public static FireFigures Compute(
        IEnumerable<ObservedJob> jobs, IReadOnlyCollection<string> schedules, IReadOnlyList<DateTimeOffset> fireTimes, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(fireTimes);
        var known = schedules.ToHashSet(StringComparer.Ordinal);
        var window = fireTimes.ToHashSet();
        var outside = 0;
        var unparsed = 0;
        var runs = new Dictionary<(string Schedule, DateTimeOffset FireTime), List<ObservedJob>>();
        foreach (var job in jobs.Where(j => j.Received <= deadline))
        {
            if (job.FireTime is not { } fire || !known.Contains(job.Schedule))
            {
                unparsed++;
            }
            else if (!window.Contains(fire))
            {
                outside++;
            }
            else
            {
                var key = (job.Schedule, fire);
                if (!runs.TryGetValue(key, out var list))
                {
                    runs[key] = list = [];
                }

                list.Add(job);
            }
        }

        var firsts = runs.Select(r => (r.Key.FireTime, First: r.Value.MinBy(j => j.Received)!)).ToList();
        var perFire = fireTimes
            .Select(f =>
            {
                var late = firsts.Where(x => x.FireTime == f).Select(x => (x.First.Received - f).TotalSeconds).Order().ToList();
                return (f, late.Count, Percentile(late, 0.99));
            })
            .ToList();
        return new FireFigures
        {
            Expected = known.Count * window.Count,
            Runs = runs.Count,
            Duplicates = runs.Values.Sum(l => l.Count - 1),
            Missed = known.Count * window.Count - runs.Count,
            Outside = outside,
            Unparsed = unparsed,
            Lateness = [.. firsts.Select(x => (x.First.Received - x.FireTime).TotalSeconds).Order()],
            CreatedLateness = [.. firsts.Where(x => x.First.Created is not null).Select(x => (x.First.Created!.Value - x.FireTime).TotalSeconds).Order()],
            PerFireTime = perFire,
        };
    }

    /// <summary>Nearest-rank percentile of ascending values; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> ascending, double p)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        return ascending.Count == 0 ? double.NaN : ascending[Math.Clamp((int)Math.Ceiling(p * ascending.Count) - 1, 0, ascending.Count - 1)];
    }
}
