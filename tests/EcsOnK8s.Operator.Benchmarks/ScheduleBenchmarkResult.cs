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
        output.WriteLine($"  operator ready (process start to /readyz)      {s(OperatorReady)}");
        output.WriteLine($"  client created cluster + td + {Schedules} schedules   {s(Created)}  (concurrency {Workers})");
        output.WriteLine($"  schedule statuses observed                    {Observed} of {Schedules} after {s(ObservedAfter)}  ({d(StatusReasons)})");
        output.WriteLine($"  window                                        {(FireTimes.Count > 0 ? $"{ScheduleBenchmark.Iso(FireTimes[0])} to {ScheduleBenchmark.Iso(FireTimes[^1])}" : "none")}, Jobs counted until {ScheduleBenchmark.Iso(Deadline)} (grace {s(Grace)})");
        output.WriteLine($"  runs (schedule x fire time) with a Job        {f.Runs} of {f.Expected}");
        WriteLateness(output, "  ", f);
        output.WriteLine($"  lateness p99 target                           <= {N(LatenessTargetSeconds)} s: {Verdict(LatenessMet)}");
        output.WriteLine($"  duplicates (more Jobs for one run)            {f.Duplicates}  (target 0: {Verdict(DuplicatesMet)})");
        output.WriteLine($"  missed (runs of the window without a Job)     {f.Missed}  (target 0: {Verdict(MissedMet)})");
        output.WriteLine($"  Jobs for fire times outside the window        {f.Outside};  Jobs without a fire time in their name {f.Unparsed}");
        output.WriteLine($"  operator CPU per fire                         {(fires > 0 ? N(operatorCpu / fires * 1000) + " ms" : "n/a (no fires)")}  ({N(operatorCpu)} s over {fires} Jobs in {s(CpuInterval)})");
        output.WriteLine($"    CPU seconds in the window                   {d(WindowCpu)}");
        output.WriteLine($"    operator mutating requests in the window    {N(WindowWrites)}{(fires > 0 ? $" ({N(WindowWrites / fires)} per fire)" : string.Empty)}");
        output.WriteLine($"    by verb and code                            {d(WindowRequests)}");
        if (Baseline is { } baseline)
        {
            var b = baseline.Figures;
            output.WriteLine($"  baseline: a plain client creates the Jobs at the fire times ({baseline.FireTimes} fire times, concurrency {Workers})");
            output.WriteLine($"    runs with a Job                             {b.Runs} of {b.Expected}; duplicates {b.Duplicates}; missed {b.Missed}");
            WriteLateness(output, "    ", b);
            output.WriteLine($"    CPU seconds                                 {d(baseline.Cpu)}");
        }

        output.WriteLine($"  operator exit code after SIGTERM              {OperatorExitCode}");
        output.WriteLine($"  operator logs                                 {LogDirectory}");
        output.WriteLine(AllMet ? "All targets met." : "Some targets MISSED (see above).");
    }

    private static void WriteLateness(TextWriter output, string indent, FireFigures f)
    {
        string Pct(IReadOnlyList<double> values) =>
            $"{ScheduleBenchmark.P(FireFigures.Percentile(values, 0.5))} / {ScheduleBenchmark.P(FireFigures.Percentile(values, 0.99))} / {ScheduleBenchmark.P(FireFigures.Percentile(values, 1))}";
        var pad = new string(' ', 46 - indent.Length - "lateness, watch receive p50/p99/max".Length);
        output.WriteLine($"{indent}lateness, watch receive p50/p99/max{pad}{Pct(f.Lateness)}");
        output.WriteLine($"{indent}  by creationTimestamp (whole seconds)        {Pct(f.CreatedLateness)}");
        output.WriteLine($"{indent}  p99 per fire time                           {(f.PerFireTime.Count == 0 ? "none" : string.Join(", ", f.PerFireTime.Select(p => $"{p.FireTime.UtcDateTime:HH:mm} {p.Runs} runs {ScheduleBenchmark.P(p.P99)}")))}");
    }
}
