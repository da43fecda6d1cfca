using System.Globalization;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>The figures of one run, and their report against the targets of issues 6 and 16.</summary>
internal sealed class BenchmarkResult
{
    public const double ConvergenceTargetRatio = 1.25;
    public const double QueueLatencyTarget = 1.0;
    public const double ReconcileLatencyTarget = 0.1;
    public const double HeapPerObjectTarget = 8 * 1024;

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

    /// <summary>Operator's managed heap (bytes, without a forced collection) and cached objects after convergence.</summary>
    public (double Heap, double Objects) HeapConverged { get; set; }

    public (double Heap, double Objects) HeapRestarted { get; set; }

    /// <summary>CPU seconds of the restarted process from its start to the end of the after-restart phase.</summary>
    public double RestartCpu { get; set; }

    /// <summary>Queue wait p50/p99 (seconds) over the convergence, and from the end of the creates to convergence.</summary>
    public (double P50, double P99) QueueLatency { get; set; }

    public (double P50, double P99) QueueLatencyAfterCreation { get; set; }

    /// <summary>Reconcile duration p50/p99 (seconds) by controller over the convergence (API waits included).</summary>
    public IReadOnlyDictionary<string, (double P50, double P99)> ReconcileLatency { get; set; } = new Dictionary<string, (double, double)>();

    /// <summary>As <see cref="ReconcileLatency"/>, without the time an API request of the reconcile was in flight.</summary>
    public IReadOnlyDictionary<string, (double P50, double P99)> ReconcileOwnLatency { get; set; } = new Dictionary<string, (double, double)>();

    public IReadOnlyList<KindFootprint> Footprints { get; set; } = [];

    /// <summary>RSS target: 120 MB up to 1,000 services, 600 MB at 10,000, in between in proportion.</summary>
    public long RssTarget => (long)((Services <= 1000 ? 120 : 120 + ((600 - 120) * (Math.Min(Services, 10_000) - 1000) / 9000.0)) * 1024 * 1024);

    public bool RssMet => RssConverged.Rss <= RssTarget && RssRestarted.Rss <= RssTarget;

    public bool HeapMet => Footprints.Count > 0 && Footprints.Sum(f => f.Bytes) / (double)Math.Max(1, Footprints.Sum(f => f.Objects)) <= HeapPerObjectTarget;

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

    public bool QueueLatencyMet => QueueLatencyAfterCreation.P99 <= QueueLatencyTarget;

    public bool ReconcileLatencyMet => ReconcileOwnLatency.Count > 0 && ReconcileOwnLatency.Values.All(l => l.P99 <= ReconcileLatencyTarget);

    public bool AllMet => ConvergenceMet && RestMet && RestartMet && RssMet && HeapMet && QueueLatencyMet && ReconcileLatencyMet;

    public void Print(TextWriter output, TimeSpan rest, TimeSpan afterRestart)
    {
        ArgumentNullException.ThrowIfNull(output);
        var s = OperatorBenchmark.Seconds;
        var d = OperatorBenchmark.Describe;
        string Verdict(bool met) => met ? "met" : "MISSED";
        string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";
        string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
        string Kb((double Heap, double Objects) heap) => heap.Objects == 0 ? "-" : (heap.Heap / heap.Objects / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

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
        string Ms(double seconds) => double.IsNaN(seconds) ? "-"
            : double.IsPositiveInfinity(seconds) ? "> 32.8 s (top bucket)"
            : (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        output.WriteLine($"  queue latency p50 / p99, whole convergence     {Ms(QueueLatency.P50)} / {Ms(QueueLatency.P99)}");
        output.WriteLine($"  queue latency p50 / p99, creates done to converged  {Ms(QueueLatencyAfterCreation.P50)} / {Ms(QueueLatencyAfterCreation.P99)}  (target p99 <= {Ms(QueueLatencyTarget)}: {Verdict(QueueLatencyMet)})");
        output.WriteLine($"  reconcile p50 / p99 (API waits included)      {string.Join(", ", ReconcileLatency.Select(kv => $"{kv.Key} {Ms(kv.Value.P50)} / {Ms(kv.Value.P99)}"))}");
        output.WriteLine($"  reconcile p50 / p99 without API waits         {string.Join(", ", ReconcileOwnLatency.Select(kv => $"{kv.Key} {Ms(kv.Value.P50)} / {Ms(kv.Value.P99)}"))}  (target p99 <= {Ms(ReconcileLatencyTarget)}: {Verdict(ReconcileLatencyMet)})");
        output.WriteLine($"  API server CPU seconds to converge            {N(ConvergenceCpu.GetValueOrDefault("kube-apiserver"))}  (etcd {N(ConvergenceCpu.GetValueOrDefault("etcd"))})");
        output.WriteLine($"  operator CPU per service to converge          {Ms(ConvergenceCpu.GetValueOrDefault("operator") / Services)}; restarted process, start to ready+{s(afterRestart)}: {N(RestartCpu)} s");
        output.WriteLine($"  RSS at {Services} services after convergence     {Mb(RssConverged.Rss)}  (peak {Mb(RssConverged.PeakRss)}; target <= {Mb(RssTarget)}: {Verdict(RssConverged.Rss <= RssTarget)})");
        output.WriteLine($"  RSS at {Services} services after restart         {Mb(RssRestarted.Rss)}  (peak {Mb(RssRestarted.PeakRss)}; target <= {Mb(RssTarget)}: {Verdict(RssRestarted.Rss <= RssTarget)})");
        output.WriteLine($"  operator managed heap / cached objects         converged {Mb((long)HeapConverged.Heap)} / {N(HeapConverged.Objects)} ({Kb(HeapConverged)} per object, whole heap); restarted {Mb((long)HeapRestarted.Heap)} / {N(HeapRestarted.Objects)} ({Kb(HeapRestarted)})");
        foreach (var f in Footprints)
        {
            output.WriteLine($"    cache of {f.Resource,-26} {f.Objects,6} objects  {(f.Bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture),7} MB  {(f.BytesPerObject / 1024).ToString("0.00", CultureInfo.InvariantCulture)} KB per object");
        }

        if (Footprints.Count > 0)
        {
            var bytes = Footprints.Sum(f => f.Bytes);
            var objects = Footprints.Sum(f => f.Objects);
            output.WriteLine($"    caches in all                {objects,6} objects  {(bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture),7} MB  {(bytes / 1024.0 / objects).ToString("0.00", CultureInfo.InvariantCulture)} KB per object (target <= 8 KB: {Verdict(HeapMet)})");
        }

        output.WriteLine($"  operator logs                                 {LogDirectory}");
        output.WriteLine(AllMet ? "All targets met." : "Some targets MISSED (see above).");
    }
}
