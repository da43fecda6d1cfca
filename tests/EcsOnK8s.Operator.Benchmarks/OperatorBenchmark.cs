using System.Diagnostics;
using System.Globalization;
using EcsOnK8s.Testing.Common;
using k8s;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// The phases: control plane up; the operator (a separate process) converges N services while its writes are
/// counted; rest; restart; the plain-client baseline of as many writes; control plane down.
/// </summary>
internal sealed class OperatorBenchmark(BenchmarkOptions options, TextWriter output)
{
    public const string Namespace = "bench";
    public const string BaselineNamespace = "bench-baseline";
    public const string ReplayNamespace = "bench-replay";
    private const string QueueLatency = "ecsonk8s_workqueue_queue_duration_seconds";

    private readonly long _started = Stopwatch.GetTimestamp();

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var logs = Directory.CreateTempSubdirectory("ecsonk8s-bench-operator-").FullName;
        var result = new BenchmarkResult { Services = options.Services, Workers = options.Workers, LogDirectory = logs };
        Progress($"operator logs in {logs}");

        Progress("starting etcd and kube-apiserver (hack/control-plane.sh up, no controller-manager, no nodes)");
        await using var controlPlane = await ControlPlane.UpAsync(options.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        await controlPlane.InstallCrdsAsync(options.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        var pids = ProcessCpu.ControlPlanePids(controlPlane.Directory);
        Progress($"control plane up in {controlPlane.Directory}, CRDs established");

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.Kubeconfig);
        using var client = new Kubernetes(config);
        await BenchWorkload.CreateNamespaceAsync(client, Namespace, cancellationToken).ConfigureAwait(false);

        // 1. Convergence.
        var first = options.StartOperator(controlPlane.Kubeconfig, Namespace, Path.Combine(logs, "operator-1.log"));
        MetricsSnapshot converged;
        await using (first.ConfigureAwait(false))
        {
            result.FirstReady = await first.WaitReadyAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
            Progress($"operator 1 (pid {first.Id}) ready after {Seconds(result.FirstReady)}");
            var before = await first.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            var cpuBefore = CpuOf(pids, first.Id);

            using var probe = await ConvergenceProbe.StartAsync(client, config, Namespace, options.Services, cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            await BenchWorkload.CreateClusterAsync(client, Namespace, cancellationToken).ConfigureAwait(false);
            await Parallel.ForAsync(0, options.Services,
                new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                (i, token) => new ValueTask(BenchWorkload.CreateServiceAsync(client, Namespace, i, options.SharedRole, token))).ConfigureAwait(false);
            result.Created = watch.Elapsed;
            var created = await first.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            Progress($"created 1 cluster, {options.Services} task definitions and {options.Services} services in {Seconds(result.Created)}");

            var state = await WaitConvergedAsync(probe, watch, cancellationToken).ConfigureAwait(false);
            result.Converged = watch.Elapsed;
            result.ConvergedState = state;
            result.MeanObjectBytes = state.MeanObjectBytes;
            converged = await first.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            result.ConvergenceCpu = Delta(CpuOf(pids, first.Id), cpuBefore);
            result.ConvergenceWrites = converged.MutatingRequests() - before.MutatingRequests();
            result.ConvergenceRequests = converged.Delta(before, MetricsSnapshot.ApiRequests, "verb", "code");
            result.ConvergenceReconciles = converged.Delta(before, "ecsonk8s_reconcile_total", "controller", "result");
            result.ConvergenceRetries = converged.Delta(before, "ecsonk8s_workqueue_retries_total", "name");
            result.ReconcileSeconds = converged.Delta(before, "ecsonk8s_reconcile_duration_seconds_sum", "controller");
            result.RssConverged = first.Memory();
            result.QueueLatency = (converged.Quantile(before, QueueLatency, 0.5), converged.Quantile(before, QueueLatency, 0.99));
            result.QueueLatencyAfterCreation = (converged.Quantile(created, QueueLatency, 0.5), converged.Quantile(created, QueueLatency, 0.99));
            result.ReconcileLatency = converged.Delta(before, "ecsonk8s_reconcile_duration_seconds_count", "controller").Keys.ToDictionary(
                c => c,
                c => (converged.Quantile(before, "ecsonk8s_reconcile_duration_seconds", 0.5, "controller", c), converged.Quantile(before, "ecsonk8s_reconcile_duration_seconds", 0.99, "controller", c)),
                StringComparer.Ordinal);
            result.ReconcileOwnLatency = converged.Delta(before, "ecsonk8s_reconcile_own_duration_seconds_count", "controller").Keys.ToDictionary(
                c => c,
                c => (converged.Quantile(before, "ecsonk8s_reconcile_own_duration_seconds", 0.5, "controller", c), converged.Quantile(before, "ecsonk8s_reconcile_own_duration_seconds", 0.99, "controller", c)),
                StringComparer.Ordinal);
            result.HeapConverged = (converged.Sum("dotnet_total_memory_bytes"), converged.Sum("ecsonk8s_informer_cached_objects"));
            Progress($"{(state.Converged ? "converged" : "stopped waiting")} after {Seconds(result.Converged)}: {result.ConvergenceWrites:F0} mutating requests");

            // 2. Rest: nothing changes; count what the operator writes anyway.
            result.RestTimeline = await CountAsync(first, options.Rest, "rest", cancellationToken).ConfigureAwait(false);
            var rested = await first.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            result.RestRequests = rested.Delta(converged, MetricsSnapshot.ApiRequests, "verb", "code");
            result.RestReconciles = rested.Delta(converged, "ecsonk8s_reconcile_total", "controller", "result");
            result.RestWrites = rested.MutatingRequests() - converged.MutatingRequests();
            Progress($"rest {Seconds(options.Rest)}: {result.RestWrites:F0} mutating requests");

            // 3. Restart.
            var stopWatch = Stopwatch.StartNew();
            result.FirstExitCode = await first.StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
            result.Stop = stopWatch.Elapsed;
            Progress($"operator 1 stopped by SIGTERM in {Seconds(result.Stop)}, exit code {result.FirstExitCode}");
        }

        var second = options.StartOperator(controlPlane.Kubeconfig, Namespace, Path.Combine(logs, "operator-2.log"));
        await using (second.ConfigureAwait(false))
        {
            result.SecondReady = await second.WaitReadyAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
            var ready = await second.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            var unsynced = ready.Samples("ecsonk8s_controller_cache_synced").Where(s => s.Value != 1).Select(s => s.Label("controller")).ToList();
            if (unsynced.Count > 0)
            {
                throw new InvalidOperationException($"/readyz said ready but caches are not synced: {string.Join(", ", unsynced)}");
            }

            Progress($"operator 2 (pid {second.Id}) ready, caches synced, after {Seconds(result.SecondReady)}; {ready.MutatingRequests():F0} mutating requests so far");
            result.RestartTimeline = await CountAsync(second, options.AfterRestart, "after restart", cancellationToken).ConfigureAwait(false);
            var after = await second.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            result.RestartWritesSinceStart = after.MutatingRequests();
            result.RestartWritesAfterReady = after.MutatingRequests() - ready.MutatingRequests();
            result.RestartRequests = after.Delta(MetricsSnapshot.Empty, MetricsSnapshot.ApiRequests, "verb", "code");
            result.RestartReconciles = after.Delta(MetricsSnapshot.Empty, "ecsonk8s_reconcile_total", "controller", "result");
            result.RssRestarted = second.Memory();
            result.HeapRestarted = (after.Sum("dotnet_total_memory_bytes"), after.Sum("ecsonk8s_informer_cached_objects"));
            result.RestartCpu = ProcessCpu.Seconds(second.Id);
            Progress($"after restart: {result.RestartWritesSinceStart:F0} mutating requests since start");
            result.SecondExitCode = await second.StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
        }

        Progress("managed heap of each cached kind (measured in this process with the operator's runtime)");
        result.Footprints = await CacheFootprint.MeasureAsync(client, Namespace, cancellationToken).ConfigureAwait(false);

        // 4. Baseline: as many plain writes, once the operator has gone, so that it takes no CPU from them.
        var count = (int)result.ConvergenceWrites;
        var bytes = Math.Max(result.MeanObjectBytes, 256);
        Progress($"baseline: {count} ConfigMap creates of ~{bytes} bytes, concurrency {options.Workers}");
        var cpuBaseline = CpuOf(pids, 0);
        result.Baseline = await BaselineWriter.WriteAsync(client, BaselineNamespace, count, bytes, options.Workers, cancellationToken).ConfigureAwait(false);
        result.BaselineCpu = Delta(CpuOf(pids, 0), cpuBaseline);
        result.BaselineWrites = count;
        Progress($"baseline done in {Seconds(result.Baseline)}");

        Progress($"same-writes baseline: the operator's children, statuses and events written again by a plain client, concurrency {options.Workers}");
        var writes = await ReplayBaseline.PrepareAsync(client, Namespace, ReplayNamespace, cancellationToken).ConfigureAwait(false);
        result.ReplayWrites = writes.Count;
        var cpuReplay = CpuOf(pids, 0);
        result.Replay = await ReplayBaseline.RunAsync(writes, options.Workers, cancellationToken).ConfigureAwait(false);
        result.ReplayCpu = Delta(CpuOf(pids, 0), cpuReplay);
        Progress($"same-writes baseline done: {result.ReplayWrites} writes in {Seconds(result.Replay)}");
        return result;
    }

    private async Task<ConvergenceState> WaitConvergedAsync(ConvergenceProbe probe, Stopwatch watch, CancellationToken cancellationToken)
    {
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var state = await probe.CheckAsync(servicesOnly: true, cancellationToken).ConfigureAwait(false);
            if (state.Converged)
            {
                return state;
            }

            if (watch.Elapsed > options.ConvergenceTimeout)
            {
                // The remaining phases still tell something (what a busy operator writes, how a restart behaves).
                var full = await probe.CheckAsync(servicesOnly: false, cancellationToken).ConfigureAwait(false);
                Progress($"NOT converged after {Seconds(options.ConvergenceTimeout)}: {full}; continuing with the other phases");
                return full;
            }

            if (watch.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = watch.Elapsed;
                Progress($"  {Seconds(watch.Elapsed)}: {state}");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits <paramref name="duration"/>, scraping every 10 s; the mutating requests of each interval.</summary>
    private async Task<List<(TimeSpan At, double Writes)>> CountAsync(OperatorProcess process, TimeSpan duration, string phase, CancellationToken cancellationToken)
    {
        var timeline = new List<(TimeSpan, double)>();
        var watch = Stopwatch.StartNew();
        var previous = await process.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        while (watch.Elapsed < duration)
        {
            var step = TimeSpan.FromSeconds(Math.Min(10, (duration - watch.Elapsed).TotalSeconds));
            await Task.Delay(step, cancellationToken).ConfigureAwait(false);
            var now = await process.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            var writes = now.MutatingRequests() - previous.MutatingRequests();
            timeline.Add((watch.Elapsed, writes));
            if (writes > 0)
            {
                Progress($"  {phase} +{Seconds(watch.Elapsed)}: {writes:F0} mutating requests ({Describe(now.Delta(previous, MetricsSnapshot.ApiRequests, "verb", "code"))})");
            }

            previous = now;
        }

        return timeline;
    }

    /// <summary>CPU seconds so far of etcd, kube-apiserver, the operator (when its pid is not 0) and this process.</summary>
    public static Dictionary<string, double> CpuOf(IReadOnlyDictionary<string, int> controlPlane, int operatorPid)
    {
        var cpu = controlPlane
            .Where(p => p.Key is "etcd" or "kube-apiserver")
            .ToDictionary(p => p.Key, p => ProcessCpu.Seconds(p.Value), StringComparer.Ordinal);
        if (operatorPid != 0)
        {
            cpu["operator"] = ProcessCpu.Seconds(operatorPid);
        }

        cpu["benchmark"] = ProcessCpu.Seconds(Environment.ProcessId);
        return cpu;
    }

    public static Dictionary<string, double> Delta(Dictionary<string, double> after, Dictionary<string, double> before) =>
        after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key), StringComparer.Ordinal);

    public static string Describe(IReadOnlyDictionary<string, double> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(kv => $"{kv.Key}: {kv.Value.ToString("0.###", CultureInfo.InvariantCulture)}"));

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private void Progress(string message)
    {
        output.WriteLine($"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,6:0.0}s] {message}");
        output.Flush();
    }
}
