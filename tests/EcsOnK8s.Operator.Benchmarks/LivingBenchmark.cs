using System.Diagnostics;
using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// The operator in a living cluster (<c>--living</c>): kube-controller-manager, kube-scheduler and hollow nodes write
/// status and metadata on its children while it rests and restarts; its writes are counted from kube-apiserver's
/// audit log. Then one field of one service changes N times: writes per change and change → Ready.
/// </summary>
internal sealed class LivingBenchmark(BenchmarkOptions options, TextWriter output)
{
    private const string Namespace = "living";
    private readonly long _started = Stopwatch.GetTimestamp();

    public async Task<LivingResult> RunAsync(CancellationToken cancellationToken)
    {
        var logs = Directory.CreateTempSubdirectory("ecsonk8s-bench-living-").FullName;
        var result = new LivingResult { Services = options.Services, Nodes = options.Nodes, LogDirectory = logs, Rest = options.Rest, AfterRestart = options.AfterRestart };
        var policy = Path.Combine(logs, "audit-policy.yaml");
        await File.WriteAllTextAsync(policy, AuditLog.Policy, cancellationToken).ConfigureAwait(false);
        Progress($"starting a full control plane with {options.Nodes} hollow nodes and an audit log of every write; operator logs in {logs}");
        await using var controlPlane = await ControlPlane.UpAsync(
            options.RepositoryRoot, cancellationToken, "--nodes", options.Nodes.ToString(CultureInfo.InvariantCulture), "--audit-policy", policy).ConfigureAwait(false);
        await controlPlane.InstallCrdsAsync(options.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        Progress($"control plane up in {controlPlane.Directory}; audit log {controlPlane.AuditLogPath}");

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.Kubeconfig);
        config.UserAgent = AuditLog.BenchmarkUserAgent;
        using var client = new Kubernetes(config);
        await BenchWorkload.CreateNamespaceAsync(client, Namespace, cancellationToken).ConfigureAwait(false);
        await WaitNodesReadyAsync(client, cancellationToken).ConfigureAwait(false);
        using var watchClient = new Kubernetes(config);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var services = new InformerFactory(new KubernetesRestClient(watchClient), new InformerOptions { Namespaces = [Namespace] }).Get<EcsService>();
        await services.StartAsync(stopWatching.Token).ConfigureAwait(false);
        await services.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);

        // 1. Convergence, then settling: every service observed, tasks placed, the operator quiet.
        var first = options.StartOperator(controlPlane.Kubeconfig, Namespace, Path.Combine(logs, "operator-1.log"));
        await using (first.ConfigureAwait(false))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(180), cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            await LivingWorkload.CreateClusterAsync(client, Namespace, cancellationToken).ConfigureAwait(false);
            await Parallel.ForAsync(0, options.Services,
                new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                (i, token) => new ValueTask(LivingWorkload.CreateServiceAsync(client, Namespace, i, token))).ConfigureAwait(false);
            Progress($"created 1 cluster, {options.Services} task definitions and services in {Seconds(watch.Elapsed)}");
            while (watch.Elapsed < options.ConvergenceTimeout && Observed(services) < options.Services)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }

            result.Converged = watch.Elapsed;
            Progress($"{Observed(services)}/{options.Services} services observed after {Seconds(result.Converged)}; waiting for tasks to run and the operator to go quiet");
            // The EFS services' tasks never run here (hollow kubelets mount no CSI volume): settled is the operator
            // quiet and the Ready count unchanged for 30 s, or every service Ready.
            var lastReady = -1;
            var readySince = watch.Elapsed;
            while (watch.Elapsed < options.ConvergenceTimeout + TimeSpan.FromSeconds(300))
            {
                var ready = ReadyCount(services);
                if (ready != lastReady)
                {
                    (lastReady, readySince) = (ready, watch.Elapsed);
                }

                var quiet = await QuietForAsync(controlPlane.AuditLogPath, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
                if (quiet && (ready == options.Services || watch.Elapsed - readySince >= TimeSpan.FromSeconds(30)))
                {
                    break;
                }

                Progress($"  {Seconds(watch.Elapsed)}: {ready}/{options.Services} services Ready, operator {(quiet ? "quiet" : "writing")}");
                await Task.Delay(5000, cancellationToken).ConfigureAwait(false);
            }

            result.Settled = watch.Elapsed;
            result.ReadyServices = ReadyCount(services);
            result.ConvergenceWrites = Summarise(await AuditLog.ReadAsync(controlPlane.AuditLogPath, cancellationToken).ConfigureAwait(false), DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            result.RssConverged = first.Memory();
            Progress($"settled after {Seconds(result.Settled)}: {result.ReadyServices}/{options.Services} Ready, {result.ConvergenceWrites.Operator} operator writes so far");

            // 2. Rest, with the other controllers at work.
            var restStart = DateTimeOffset.UtcNow;
            await Task.Delay(options.Rest, cancellationToken).ConfigureAwait(false);
            result.RestWrites = Summarise(await AuditLog.ReadAsync(controlPlane.AuditLogPath, cancellationToken).ConfigureAwait(false), restStart, DateTimeOffset.UtcNow);
            Progress($"rest {Seconds(options.Rest)}: operator writes {result.RestWrites.Operator}; others {Describe(result.RestWrites.ByWriter)}");
            await first.StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
        }

        // 3. Restart.
        var restartStart = DateTimeOffset.UtcNow;
        var second = options.StartOperator(controlPlane.Kubeconfig, Namespace, Path.Combine(logs, "operator-2.log"));
        await using (second.ConfigureAwait(false))
        {
            result.RestartReady = await second.WaitReadyAsync(TimeSpan.FromSeconds(180), cancellationToken).ConfigureAwait(false);
            await Task.Delay(options.AfterRestart, cancellationToken).ConfigureAwait(false);
            result.RestartWrites = Summarise(await AuditLog.ReadAsync(controlPlane.AuditLogPath, cancellationToken).ConfigureAwait(false), restartStart, DateTimeOffset.UtcNow);
            result.RssRestarted = second.Memory();
            Progress($"restart: ready after {Seconds(result.RestartReady)}; operator writes from start to ready+{Seconds(options.AfterRestart)}: {result.RestartWrites.Operator}");

            // 4. One field of one service, changed N times: writes per change and change -> Ready.
            var changesStart = DateTimeOffset.UtcNow;
            var latencies = new List<double>();
            for (var i = 0; i < options.Changes; i++)
            {
                var percent = i % 2 == 0 ? 50 : 100;
                var patch = new V1Patch("{\"spec\":{\"deploymentConfiguration\":{\"minimumHealthyPercent\":" + percent.ToString(CultureInfo.InvariantCulture) + "}}}", V1Patch.PatchType.MergePatch);
                var changed = Stopwatch.StartNew();
                var written = await client.CustomObjects.PatchNamespacedCustomObjectAsync<EcsService>(
                    patch, EcsApi.Group, EcsApi.Version, Namespace, EcsService.Plural, LivingWorkload.ChangedService, cancellationToken: cancellationToken).ConfigureAwait(false);
                var generation = written.Metadata.Generation ?? 0;
                while (changed.Elapsed < TimeSpan.FromSeconds(60))
                {
                    var live = services.Store.Get(new EcsOnK8s.Runtime.ObjectKey(Namespace, LivingWorkload.ChangedService));
                    if (live?.Status?.ObservedGeneration >= generation && IsReady(live))
                    {
                        break;
                    }

                    await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                }

                latencies.Add(changed.Elapsed.TotalSeconds);
            }

            // Writes a change causes after Ready (a late status) still count: wait for the operator to go quiet.
            await QuietForAsync(controlPlane.AuditLogPath, TimeSpan.FromSeconds(5), cancellationToken, wait: TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            result.ChangeWrites = Summarise(await AuditLog.ReadAsync(controlPlane.AuditLogPath, cancellationToken).ConfigureAwait(false), changesStart, DateTimeOffset.UtcNow);
            result.ChangeLatencies = latencies;
            Progress($"{options.Changes} changes: operator writes {result.ChangeWrites.Operator} ({Describe(result.ChangeWrites.OperatorByResource)})");
        }

        await stopWatching.CancelAsync().ConfigureAwait(false);
        return result;
    }

    private static int Observed(Informer<EcsService> services) =>
        services.Store.List().Count(s => s.Status?.ObservedGeneration == s.Metadata.Generation && s.Status?.Deployments is { Count: > 0 });

    private static int ReadyCount(Informer<EcsService> services) => services.Store.List().Count(IsReady);

    private static bool IsReady(EcsService service) =>
        service.Status?.Conditions?.Any(c => c.Type == ConditionTypes.Ready && c.Status == "True") == true;

    private static async Task WaitNodesReadyAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(180))
        {
            var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (nodes.Items.Count > 0 && nodes.Items.All(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true))
            {
                return;
            }

            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException("the hollow nodes were not Ready after 180 s");
    }

    /// <summary>True once the operator has written nothing for <paramref name="quiet"/> (checked for at most <paramref name="wait"/>, default once).</summary>
    private static async Task<bool> QuietForAsync(string auditLog, TimeSpan quiet, CancellationToken cancellationToken, TimeSpan? wait = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var last = (await AuditLog.ReadAsync(auditLog, cancellationToken).ConfigureAwait(false)).Where(w => w.IsOperator).Select(w => w.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            if (DateTimeOffset.UtcNow - last >= quiet)
            {
                return true;
            }

            if (wait is null || watch.Elapsed > wait)
            {
                return false;
            }

            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        }
    }

    private static WriteSummary Summarise(IReadOnlyList<AuditedWrite> writes, DateTimeOffset from, DateTimeOffset to)
    {
        var window = writes.Where(w => w.At >= from && w.At <= to).ToList();
        var mine = window.Where(w => w.IsOperator).ToList();
        return new WriteSummary(
            mine.Count,
            mine.GroupBy(w => $"{w.Verb} {w.Resource}", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal),
            window.Where(w => !w.IsOperator).GroupBy(w => w.Writer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal),
            [.. mine.Take(20).Select(w => $"{w.Verb} {w.Resource} {w.Name} {w.Code}")]);
    }

    private static string Seconds(TimeSpan time) => OperatorBenchmark.Seconds(time);

    private static string Describe(IReadOnlyDictionary<string, double> counts) => OperatorBenchmark.Describe(counts);

    private void Progress(string message)
    {
        output.WriteLine($"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,6:0.0}s] {message}");
        output.Flush();
    }
}
