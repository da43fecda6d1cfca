using System.Globalization;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>The figures of a living-cluster run, against the targets of issue 16.</summary>
internal sealed class LivingResult
{
    public const double ChangeLatencyTarget = 2.0;

    /// <summary>
    /// Children whose content a change of minimumHealthyPercent between 50 and 100 changes: the Deployment (its
    /// strategy), and the PodDisruptionBudget, rendered at 50 (one of the two tasks may go) and pruned at 100.
    /// </summary>
    public const double ChildrenChangedPerChange = 2;

    /// <summary>Issue 16: the children whose content changed + 1 status write.</summary>
    public const double WritesPerChangeTarget = ChildrenChangedPerChange + 1;

    public int Services { get; init; }

    public int Nodes { get; init; }

    public string LogDirectory { get; init; } = string.Empty;

    public TimeSpan Rest { get; init; }

    public TimeSpan AfterRestart { get; init; }

    public TimeSpan Converged { get; set; }

    public TimeSpan Settled { get; set; }

    public int ReadyServices { get; set; }

    public WriteSummary? ConvergenceWrites { get; set; }

    public WriteSummary? RestWrites { get; set; }

    public TimeSpan RestartReady { get; set; }

    public WriteSummary? RestartWrites { get; set; }

    public WriteSummary? ChangeWrites { get; set; }

    public IReadOnlyList<double> ChangeLatencies { get; set; } = [];

    public (long Rss, long PeakRss) RssConverged { get; set; }

    public (long Rss, long PeakRss) RssRestarted { get; set; }

    public double WritesPerChange => ChangeLatencies.Count == 0 ? double.NaN : (double)(ChangeWrites?.Operator ?? 0) / ChangeLatencies.Count;

    public double StatusWritesPerChange => ChangeLatencies.Count == 0
        ? double.NaN
        : (ChangeWrites?.OperatorByResource.Where(w => w.Key.EndsWith("/status", StringComparison.Ordinal)).Sum(w => w.Value) ?? 0) / ChangeLatencies.Count;

    public double ChangeP50 => Percentile(0.50);

    public double ChangeP99 => Percentile(0.99);

    public bool AllMet =>
        RestWrites?.Operator == 0 && RestartWrites?.Operator == 0 && WritesPerChange <= WritesPerChangeTarget && StatusWritesPerChange <= 1 && ChangeP99 <= ChangeLatencyTarget;

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var s = OperatorBenchmark.Seconds;
        var d = OperatorBenchmark.Describe;
        string Verdict(bool met) => met ? "met" : "MISSED";
        string Ms(double seconds) => (seconds * 1000).ToString("0", CultureInfo.InvariantCulture) + " ms";
        string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

        output.WriteLine();
        output.WriteLine($"Operator in a living cluster: {Services} services of 2 tasks on {Nodes} hollow nodes, kube-controller-manager and kube-scheduler running");
        output.WriteLine($"  services observed, from the first create      {s(Converged)}; settled (operator quiet 15 s, Ready count steady 30 s) {s(Settled)}: {ReadyServices}/{Services} Ready");
        output.WriteLine($"  operator writes up to settling                {ConvergenceWrites?.Operator} ({d(ConvergenceWrites?.OperatorByResource ?? new Dictionary<string, double>())})");
        output.WriteLine($"  rest {s(Rest)}: operator writes (audit log)     {RestWrites?.Operator}  (target 0: {Verdict(RestWrites?.Operator == 0)})");
        output.WriteLine($"    meanwhile other writers                     {d(RestWrites?.ByWriter ?? new Dictionary<string, double>())}");
        Sample(RestWrites);
        output.WriteLine($"  restart: ready after {s(RestartReady)}; operator writes, start to ready+{s(AfterRestart)}  {RestartWrites?.Operator}  (target 0: {Verdict(RestartWrites?.Operator == 0)})");
        output.WriteLine($"    meanwhile other writers                     {d(RestartWrites?.ByWriter ?? new Dictionary<string, double>())}");
        Sample(RestartWrites);
        output.WriteLine($"  {ChangeLatencies.Count} changes of one service's minimumHealthyPercent: operator writes per change {WritesPerChange.ToString("0.00", CultureInfo.InvariantCulture)}  (target <= {WritesPerChangeTarget}: the Deployment and the PodDisruptionBudget + 1 status; {Verdict(WritesPerChange <= WritesPerChangeTarget)})");
        output.WriteLine($"    status writes per change                    {StatusWritesPerChange.ToString("0.00", CultureInfo.InvariantCulture)}  (target <= 1: {Verdict(StatusWritesPerChange <= 1)})");
        output.WriteLine($"    by verb and resource                        {d(ChangeWrites?.OperatorByResource ?? new Dictionary<string, double>())}");
        output.WriteLine($"  change -> Ready (observedGeneration, Ready True) p50 / p99 / max  {Ms(ChangeP50)} / {Ms(ChangeP99)} / {Ms(ChangeLatencies.DefaultIfEmpty().Max())}  (target p99 <= {Ms(ChangeLatencyTarget)}: {Verdict(ChangeP99 <= ChangeLatencyTarget)})");
        output.WriteLine($"  RSS after settling / after the restart        {Mb(RssConverged.Rss)} / {Mb(RssRestarted.Rss)}");
        output.WriteLine($"  logs (operator, audit policy)                 {LogDirectory}");
        output.WriteLine(AllMet ? "All targets met." : "Some targets MISSED (see above).");

        void Sample(WriteSummary? summary)
        {
            foreach (var line in summary?.OperatorSample ?? [])
            {
                output.WriteLine($"      {line}");
            }
        }
    }

    private double Percentile(double q)
    {
        if (ChangeLatencies.Count == 0)
        {
            return double.NaN;
        }

        var sorted = ChangeLatencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}
