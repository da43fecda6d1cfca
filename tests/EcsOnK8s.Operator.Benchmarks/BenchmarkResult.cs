using System.Globalization;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>The figures of one run, and their report against the targets of issue 6.</summary>
internal sealed class BenchmarkResult
{
    public const double ConvergenceTargetRatio = 2.0;

    public int Services { get; init; }

    public int Workers { get; init; }

    public string LogDirectory { get; init; } = string.Empty;

    public TimeSpan FirstReady { get; set; }

    public TimeSpan Created { get; set; }

    public TimeSpan Converged { get; set; }

    public ConvergenceState? ConvergedState { get; set; }

    public double ConvergenceWrites { get; set; }

    public IReadOnlyDictionary<string, double> ConvergenceRequests { get; set; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> ConvergenceReconciles { get; set; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> ConvergenceRetries { get; set; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> ReconcileSeconds { get; set; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> ConvergenceCpu { get; set; } = new Dictionary<string, double>();

    public int MeanObjectBytes { get; set; }

    public (long Rss, long PeakRss) RssConverged { get; set; }

    public double RestWrites { get; set; }

    public IReadOnlyDictionary<string, double> RestRequests { get; set; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> RestReconciles { get; set; } = new Dictionary<string, double>();

    public IReadOnlyList<(TimeSpan At, double Writes)> RestTimeline { get; set; } = [];

    public TimeSpan Stop { get; set; }

    public int FirstExitCode { get; set; }

    public TimeSpan SecondReady { get; set; }

    public double RestartWritesSinceStart { get; set; }

    public double RestartWritesAfterReady { get; set; }

    public IReadOnlyDictionary<string, double> RestartRequests { get; set; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, double> RestartReconciles { get; set; } = new Dictionary<string, double>();

    public IReadOnlyList<(TimeSpan At, double Writes)> RestartTimeline { get; set; } = [];

    public (long Rss, long PeakRss) RssRestarted { get; set; }

    public int SecondExitCode { get; set; }

    public int BaselineWrites { get; set; }

    public TimeSpan Baseline { get; set; }

    public IReadOnlyDictionary<string, double> BaselineCpu { get; set; } = new Dictionary<string, double>();

    public int ReplayWrites { get; set; }

    public TimeSpan Replay { get; set; }

    public IReadOnlyDictionary<string, double> ReplayCpu { get; set; } = new Dictionary<string, double>();

    /// <summary>Convergence against as many ConfigMap creates (the cheapest write there is).</summary>
    public double Ratio => Baseline > TimeSpan.Zero ? Converged / Baseline : double.NaN;

    /// <summary>Convergence against a plain client making the same writes (same objects, each once).</summary>
    public double ReplayRatio => Replay > TimeSpan.Zero ? Converged / Replay : double.NaN;

    public bool ConvergenceMet => ConvergedState?.Converged == true && ReplayRatio <= ConvergenceTargetRatio;

    public bool ConfigMapRatioMet => ConvergedState?.Converged == true && Ratio <= ConvergenceTargetRatio;

    public bool RestMet => RestWrites == 0;

    public bool RestartMet => RestartWritesSinceStart == 0;

    public bool AllMet => ConvergenceMet && RestMet && RestartMet;

    public void Print(TextWriter output, TimeSpan rest, TimeSpan afterRestart)
    {
        ArgumentNullException.ThrowIfNull(output);
        var s = OperatorBenchmark.Seconds;
        var d = OperatorBenchmark.Describe;
        string Verdict(bool met) => met ? "met" : "MISSED";
        string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";
        string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        output.WriteLine();
        output.WriteLine($"Operator at scale: {Services} EcsServices, each with its own EcsTaskDefinition (workers {Workers}, {Environment.ProcessorCount} cores)");
        output.WriteLine($"  operator ready (process start to /readyz)      {s(FirstReady)}");
        output.WriteLine($"  client created cluster + {Services} td + {Services} svc   {s(Created)}  (concurrency {Workers})");
        output.WriteLine(ConvergedState?.Converged == true
            ? $"  convergence, from the first create            {s(Converged)}"
            : $"  NOT CONVERGED when the benchmark stopped waiting, {s(Converged)} after the first create: {ConvergedState}");
        output.WriteLine($"  operator mutating requests to converge        {N(ConvergenceWrites)}  ({N(ConvergenceWrites / Services)} per service)");
        output.WriteLine($"    by verb and code                            {d(ConvergenceRequests)}");
        output.WriteLine($"    reconciles                                  {d(ConvergenceReconciles)}");
        output.WriteLine($"    reconcile seconds (sum)                     {d(ReconcileSeconds)}");
        output.WriteLine($"    queue retries                               {d(ConvergenceRetries)}");
        output.WriteLine($"    CPU seconds                                 {d(ConvergenceCpu)}");
        output.WriteLine($"  baseline: the same writes by a plain client    {s(Replay)}  ({ReplayWrites} writes, each object once; concurrency {Workers}; CPU seconds {d(ReplayCpu)})");
        output.WriteLine($"  convergence / same-writes baseline            {ReplayRatio.ToString("0.00", CultureInfo.InvariantCulture)}  (target <= {N(ConvergenceTargetRatio)}: {Verdict(ConvergenceMet)})");
        output.WriteLine($"  baseline: {BaselineWrites} ConfigMap creates of ~{MeanObjectBytes} B    {s(Baseline)}  (concurrency {Workers}; CPU seconds {d(BaselineCpu)})");
        output.WriteLine($"  convergence / ConfigMap baseline              {Ratio.ToString("0.00", CultureInfo.InvariantCulture)}  (<= {N(ConvergenceTargetRatio)}: {Verdict(ConfigMapRatioMet)})");
        output.WriteLine($"  rest {s(rest)}: mutating requests              {N(RestWrites)}  (target 0: {Verdict(RestMet)})");
        output.WriteLine($"    requests                                    {d(RestRequests)}");
        output.WriteLine($"    reconciles                                  {d(RestReconciles)}");
        output.WriteLine($"  restart: SIGTERM to exit                      {s(Stop)} (exit code {FirstExitCode}); new process ready after {s(SecondReady)}");
        output.WriteLine($"  restart: mutating requests, start to ready+{s(afterRestart)}  {N(RestartWritesSinceStart)}  ({N(RestartWritesAfterReady)} after ready; target 0: {Verdict(RestartMet)})");
        output.WriteLine($"    requests                                    {d(RestartRequests)}");
        output.WriteLine($"    reconciles                                  {d(RestartReconciles)}");
        output.WriteLine($"  RSS at {Services} services after convergence     {Mb(RssConverged.Rss)}  (peak {Mb(RssConverged.PeakRss)})");
        output.WriteLine($"  RSS at {Services} services after restart         {Mb(RssRestarted.Rss)}  (peak {Mb(RssRestarted.PeakRss)})");
        output.WriteLine($"  operator logs                                 {LogDirectory}");
        output.WriteLine(AllMet ? "All targets met." : "Some targets MISSED (see above).");
    }
}
