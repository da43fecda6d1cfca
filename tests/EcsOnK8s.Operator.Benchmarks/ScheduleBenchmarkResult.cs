using System.Globalization;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>The figures of one schedule run, and their report against the targets of issue 12.</summary>
internal sealed class ScheduleBenchmarkResult
{
    public const double LatenessTargetSeconds = 2.0;

    public int Schedules { get; init; }

    public int Minutes { get; init; }

    public int Workers { get; init; }

    public string Expression { get; init; } = string.Empty;

    public string TimeZone { get; init; } = string.Empty;

    public TimeSpan Grace { get; init; }

    public string LogDirectory { get; init; } = string.Empty;

    public TimeSpan OperatorReady { get; set; }

    public TimeSpan Created { get; set; }

    public int Observed { get; set; }

    public TimeSpan ObservedAfter { get; set; }

    public IReadOnlyDictionary<string, double> StatusReasons { get; set; } = new Dictionary<string, double>();

    public IReadOnlyList<DateTimeOffset> FireTimes { get; set; } = [];

    public DateTimeOffset Deadline { get; set; }

    public FireFigures Figures { get; set; } = new();

    public IReadOnlyDictionary<string, double> WindowCpu { get; set; } = new Dictionary<string, double>();

    public TimeSpan CpuInterval { get; set; }

    public IReadOnlyDictionary<string, double> WindowRequests { get; set; } = new Dictionary<string, double>();

    public double WindowWrites { get; set; }

    public int OperatorExitCode { get; set; }

    public ScheduleBaseline? Baseline { get; set; }

    public double P99 => FireFigures.Percentile(Figures.Lateness, 0.99);

    public bool LatenessMet => Figures.Runs > 0 && P99 <= LatenessTargetSeconds;

    public bool DuplicatesMet => Figures.Duplicates == 0;

    public bool MissedMet => Figures.Missed == 0;

    public bool AllMet => LatenessMet && DuplicatesMet && MissedMet;

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var s = OperatorBenchmark.Seconds;
        var d = OperatorBenchmark.Describe;
        string Verdict(bool met) => met ? "met" : "MISSED";
        string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
        var f = Figures;
        var fires = f.Runs + f.Duplicates;
        var operatorCpu = WindowCpu.GetValueOrDefault("operator");

        output.WriteLine();
        output.WriteLine($"Schedules: {Schedules} EcsScheduledTasks on '{Expression}' in {TimeZone}, {Minutes} fire times each (workers {Workers}, {Environment.ProcessorCount} cores)");
        Row(output, "operator ready (process start to /readyz)", s(OperatorReady));
        Row(output, $"client created cluster + td + {Schedules} schedules", $"{s(Created)}  (concurrency {Workers})");
        Row(output, "schedule statuses observed", $"{Observed} of {Schedules} after {s(ObservedAfter)}  ({d(StatusReasons)})");
        Row(output, "window", FireTimes.Count == 0 ? "none" : $"{ScheduleBenchmark.Iso(FireTimes[0])} to {ScheduleBenchmark.Iso(FireTimes[^1])}, Jobs counted until {ScheduleBenchmark.Iso(Deadline)} (grace {s(Grace)})");
        Row(output, "runs (schedule x fire time) with a Job", $"{f.Runs} of {f.Expected}");
        WriteLateness(output, "  ", f);
        Row(output, "lateness p99 target", $"<= {N(LatenessTargetSeconds)} s: {Verdict(LatenessMet)}");
        Row(output, "duplicates (more Jobs for one run)", $"{f.Duplicates}  (target 0: {Verdict(DuplicatesMet)})");
        Row(output, "missed (runs of the window without a Job)", $"{f.Missed}  (target 0: {Verdict(MissedMet)})");
        Row(output, "Jobs for fire times outside the window", $"{f.Outside}  (and {f.Unparsed} without a fire time in their name)");
        Row(output, "operator CPU per fire", $"{(fires > 0 ? N(operatorCpu / fires * 1000) + " ms" : "n/a (no fires)")}  ({N(operatorCpu)} s over {fires} Jobs in {s(CpuInterval)})");
        Row(output, "  CPU seconds in the window", d(WindowCpu));
        Row(output, "  operator mutating requests in the window", $"{N(WindowWrites)}{(fires > 0 ? $" ({N(WindowWrites / fires)} per fire)" : string.Empty)}");
        Row(output, "    by verb and code", d(WindowRequests));
        if (Baseline is { } baseline)
        {
            var b = baseline.Figures;
            output.WriteLine($"  baseline: a plain client creates the same Jobs at {baseline.FireTimes} fire time(s), concurrency {Workers}");
            Row(output, "  runs with a Job", $"{b.Runs} of {b.Expected}; duplicates {b.Duplicates}; missed {b.Missed}");
            WriteLateness(output, "    ", b);
            Row(output, "  CPU seconds", d(baseline.Cpu));
        }

        Row(output, "operator exit code after SIGTERM", OperatorExitCode.ToString(CultureInfo.InvariantCulture));
        Row(output, "operator logs", LogDirectory);
        output.WriteLine(AllMet ? "All targets met." : "Some targets MISSED (see above).");
    }

    /// <summary>One line of the table: the label from column 3, the value from column 50.</summary>
    private static void Row(TextWriter output, string label, string value) => output.WriteLine($"  {label,-46}  {value}");

    private static void WriteLateness(TextWriter output, string indent, FireFigures f)
    {
        string Pct(IReadOnlyList<double> values) =>
            $"{ScheduleBenchmark.P(FireFigures.Percentile(values, 0.5))} / {ScheduleBenchmark.P(FireFigures.Percentile(values, 0.99))} / {ScheduleBenchmark.P(FireFigures.Percentile(values, 1))}";
        var sub = indent[2..];
        Row(output, sub + "lateness p50/p99/max (watch receive - fire)", Pct(f.Lateness));
        Row(output, sub + "  by creationTimestamp (whole seconds)", Pct(f.CreatedLateness));
        Row(output, sub + "  p99 per fire time", f.PerFireTime.Count == 0
            ? "none"
            : string.Join(", ", f.PerFireTime.Select(p => $"{p.FireTime.UtcDateTime:HH:mm} {p.Runs} runs {ScheduleBenchmark.P(p.P99)}")));
    }
}
