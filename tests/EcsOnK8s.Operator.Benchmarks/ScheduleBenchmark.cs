using System.Diagnostics;
using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// <c>make bench-schedules</c>: control plane up (no controller-manager, so every Job is the operator's); the
/// operator (a separate process); N EcsScheduledTasks on one expression; once every schedule's status has been
/// written, a window of whole minutes in which the Jobs are watched and compared with the fire times; then, with
/// the operator stopped, a plain client that creates the same Jobs itself at the fire times (what the machine
/// allows); control plane down. Every wait is bounded.
/// </summary>
internal sealed class ScheduleBenchmark(BenchmarkOptions options, TextWriter output)
{
    public const string Namespace = "bench";
    public const string BaselineNamespace = "bench-baseline";

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeProvider _time = TimeProvider.System;

    public async Task<ScheduleBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var logs = Directory.CreateTempSubdirectory("ecsonk8s-bench-schedules-").FullName;
        var names = Enumerable.Range(0, options.Schedules).Select(ScheduleWorkload.ScheduleName).ToList();
        var result = new ScheduleBenchmarkResult
        {
            Schedules = options.Schedules, Minutes = options.Minutes, Workers = options.Workers, Expression = options.Expression,
            TimeZone = options.TimeZone, Grace = options.Grace, LogDirectory = logs,
        };
        Progress($"operator logs in {logs}");

        Progress("starting etcd and kube-apiserver (hack/control-plane.sh up, no controller-manager, no nodes)");
        await using var controlPlane = await ControlPlane.UpAsync(options.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        await controlPlane.InstallCrdsAsync(options.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        var pids = ProcessCpu.ControlPlanePids(controlPlane.Directory);
        Progress($"control plane up in {controlPlane.Directory}, CRDs established");

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.Kubeconfig);
        using var client = new Kubernetes(config);
        await BenchWorkload.CreateNamespaceAsync(client, Namespace, cancellationToken).ConfigureAwait(false);
        using var jobs = await JobRecorder.StartAsync(config, Namespace, _time, cancellationToken).ConfigureAwait(false);
        using var statusClient = new Kubernetes(config);
        using var stopStatus = new CancellationTokenSource();
        var scheduled = new InformerFactory(new KubernetesRestClient(statusClient), new InformerOptions { Namespaces = [Namespace] }).Get<EcsScheduledTask>();
        await scheduled.StartAsync(stopStatus.Token).ConfigureAwait(false);
        await scheduled.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);

        var process = options.StartOperator(controlPlane.Kubeconfig, Namespace, Path.Combine(logs, "operator.log"));
        await using (process.ConfigureAwait(false))
        {
            result.OperatorReady = await process.WaitReadyAsync(TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
            Progress($"operator (pid {process.Id}) ready after {Seconds(result.OperatorReady)}");

            var watch = Stopwatch.StartNew();
            await BenchWorkload.CreateClusterAsync(client, Namespace, cancellationToken).ConfigureAwait(false);
            await ScheduleWorkload.CreateTaskDefinitionAsync(client, Namespace, cancellationToken).ConfigureAwait(false);
            await Parallel.ForAsync(0, options.Schedules,
                new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                (i, token) => new ValueTask(ScheduleWorkload.CreateScheduleAsync(client, Namespace, i, options.Expression, options.TimeZone, token))).ConfigureAwait(false);
            result.Created = watch.Elapsed;
            Progress($"created 1 cluster, 1 task definition and {options.Schedules} schedules in {Seconds(result.Created)}");

            result.Observed = await WaitObservedAsync(scheduled, watch, cancellationToken).ConfigureAwait(false);
            result.ObservedAfter = watch.Elapsed;
            result.StatusReasons = StatusReasons(scheduled);
            Progress($"{result.Observed} of {options.Schedules} schedule statuses observed their generation after {Seconds(result.ObservedAfter)}: {OperatorBenchmark.Describe(result.StatusReasons)}");

            // The window starts at the first whole minute at least 2 s ahead, so that its first fire time is not
            // measured against a clock the operator may already have passed while the statuses were written.
            var first = NextMinute(_time.GetUtcNow().AddSeconds(2));
            result.FireTimes = [.. Enumerable.Range(0, options.Minutes).Select(m => first.AddMinutes(m))];
            await DelayUntilAsync(first.AddSeconds(-1), cancellationToken).ConfigureAwait(false);
            var metricsBefore = await process.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            var cpuBefore = CpuOf(pids, process.Id);
            var cpuWatch = Stopwatch.StartNew();
            Progress($"window: {options.Minutes} fire times from {Iso(first)}, {options.Schedules * options.Minutes} runs expected");

            result.Deadline = await WatchWindowAsync(jobs, names, result.FireTimes, cancellationToken).ConfigureAwait(false);
            result.WindowCpu = Delta(CpuOf(pids, process.Id), cpuBefore);
            result.CpuInterval = cpuWatch.Elapsed;
            var metricsAfter = await process.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            result.WindowRequests = metricsAfter.Delta(metricsBefore, MetricsSnapshot.ApiRequests, "verb", "code");
            result.WindowWrites = metricsAfter.MutatingRequests() - metricsBefore.MutatingRequests();
            result.Figures = FireFigures.Compute(jobs.Snapshot(), names, result.FireTimes, result.Deadline);
            result.OperatorExitCode = await process.StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
            Progress($"operator stopped, exit code {result.OperatorExitCode}");
        }

        await stopStatus.CancelAsync().ConfigureAwait(false);
        if (options.BaselineMinutes > 0)
        {
            result.Baseline = await RunBaselineAsync(client, config, names, pids, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// The plain-client baseline: with the operator gone, the benchmark creates each schedule's Job itself at each
    /// fire time (same names, same label, the same concurrency as the operator's workers) and measures it the same
    /// way: the lateness a client on this machine gets when it knows the answer and does nothing else.
    /// </summary>
    private async Task<ScheduleBaseline> RunBaselineAsync(
        Kubernetes client, KubernetesClientConfiguration config, List<string> names, IReadOnlyDictionary<string, int> pids,
        CancellationToken cancellationToken)
    {
        await BenchWorkload.CreateNamespaceAsync(client, BaselineNamespace, cancellationToken).ConfigureAwait(false);
        using var jobs = await JobRecorder.StartAsync(config, BaselineNamespace, _time, cancellationToken).ConfigureAwait(false);
        var first = NextMinute(_time.GetUtcNow().AddSeconds(2));
        var fireTimes = Enumerable.Range(0, options.BaselineMinutes).Select(m => first.AddMinutes(m)).ToList();
        Progress($"baseline: a plain client creates {names.Count} Jobs at each of {fireTimes.Count} fire times from {Iso(first)}, concurrency {options.Workers}");
        var cpuBefore = CpuOf(pids, 0);
        var creating = Task.Run(async () =>
        {
            foreach (var fire in fireTimes)
            {
                await DelayUntilAsync(fire, cancellationToken).ConfigureAwait(false);
                var minute = (fire.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);
                await Parallel.ForEachAsync(names,
                    new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                    async (name, token) => await client.BatchV1.CreateNamespacedJobAsync(BaselineJob(name, minute), BaselineNamespace, cancellationToken: token).ConfigureAwait(false))
                    .ConfigureAwait(false);
            }
        }, cancellationToken);
        var deadline = await WatchWindowAsync(jobs, names, fireTimes, cancellationToken).ConfigureAwait(false);
        await creating.ConfigureAwait(false);
        return new ScheduleBaseline(fireTimes.Count, FireFigures.Compute(jobs.Snapshot(), names, fireTimes, deadline), Delta(CpuOf(pids, 0), cpuBefore));
    }

    private static V1Job BaselineJob(string schedule, string minute) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{schedule}-{minute}", Labels = new Dictionary<string, string> { [WellKnownLabels.ScheduledTask] = schedule } },
        Spec = new V1JobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    Containers = [new V1Container { Name = "job", Image = "busybox:1.36", Command = ["sh", "-c", "echo run"] }],
                },
            },
        },
    };

    /// <summary>
    /// Follows the window until every expected run has been seen and 10 s have passed since the last fire time (so
    /// that a late duplicate still shows), or until the last fire time plus the grace; returns that end.
    /// </summary>
    private async Task<DateTimeOffset> WatchWindowAsync(JobRecorder jobs, List<string> names, IReadOnlyList<DateTimeOffset> fireTimes, CancellationToken cancellationToken)
    {
        var last = fireTimes[^1];
        var deadline = last + options.Grace;
        var settle = last + TimeSpan.FromSeconds(Math.Min(10, options.Grace.TotalSeconds));
        var reported = 0;
        while (true)
        {
            var now = _time.GetUtcNow();
            var figures = FireFigures.Compute(jobs.Snapshot(), names, fireTimes, now);
            var due = fireTimes.Count(f => f <= now - TimeSpan.FromSeconds(5));
            if (due > reported)
            {
                var fire = fireTimes[due - 1];
                var (_, runs, p99) = figures.PerFireTime[due - 1];
                Progress($"  fire time {Iso(fire)}: {runs} of {names.Count} runs seen 5 s after it (p99 {P(p99)}); {figures.Duplicates} duplicates so far");
                reported = due;
            }

            if ((figures.Missed == 0 && now >= settle) || now >= deadline)
            {
                return now;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> WaitObservedAsync(Informer<EcsScheduledTask> scheduled, Stopwatch watch, CancellationToken cancellationToken)
    {
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var observed = scheduled.Store.ByNamespace(Namespace).Count(s => s.Status?.ObservedGeneration == s.Metadata.Generation);
            if (observed >= options.Schedules || watch.Elapsed > options.ConvergenceTimeout)
            {
                return observed;
            }

            if (watch.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = watch.Elapsed;
                Progress($"  {Seconds(watch.Elapsed)}: {observed} of {options.Schedules} schedule statuses observed");
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Schedules by their Ready condition and whether they name a CronJob schedule ("Ready=True Reconciled, CronJob"):
    /// a schedule left to a CronJob has no Job in this control plane, which runs no CronJob controller.
    /// </summary>
    private static Dictionary<string, double> StatusReasons(Informer<EcsScheduledTask> scheduled) =>
        scheduled.Store.ByNamespace(Namespace)
            .GroupBy(
                s => (Conditions(s) is { } ready ? $"Ready={ready.Status} {ready.Reason}" : "no Ready condition")
                    + (s.Status?.CronSchedule is null ? string.Empty : ", CronJob"),
                StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);

    private static Condition? Conditions(EcsScheduledTask schedule) =>
        schedule.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready);

    private async Task DelayUntilAsync(DateTimeOffset when, CancellationToken cancellationToken)
    {
        var wait = when - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset NextMinute(DateTimeOffset after)
    {
        var seconds = after.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds((seconds / 60 + 1) * 60);
    }

    private static Dictionary<string, double> CpuOf(IReadOnlyDictionary<string, int> controlPlane, int operatorPid) =>
        OperatorBenchmark.CpuOf(controlPlane, operatorPid);

    private static Dictionary<string, double> Delta(Dictionary<string, double> after, Dictionary<string, double> before) =>
        OperatorBenchmark.Delta(after, before);

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string P(double seconds) => double.IsNaN(seconds) ? "n/a" : seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static string Seconds(TimeSpan time) => OperatorBenchmark.Seconds(time);

    private void Progress(string message)
    {
        output.WriteLine($"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,6:0.0}s] {message}");
        output.Flush();
    }
}
