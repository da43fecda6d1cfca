// Runtime figures for `make bench-runtime`: memory per cached object (in-process source, 1,000 and 5,000
// ConfigMaps of ~2 KB JSON) and memory across 100 forced watch reconnects against a real kube-apiserver (the local
// control plane, started and stopped here; skipped with --no-cluster).
using System.Diagnostics;
using System.Globalization;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Benchmarks;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Prometheus;

var withCluster = !args.Contains("--no-cluster");
var reconnects = ReadInt(args, "--reconnects", 100);
var clusterObjects = ReadInt(args, "--objects", 1000);

Console.WriteLine("EcsOnK8s runtime benchmark");
Console.WriteLine($"  .NET {Environment.Version}, {Environment.ProcessorCount} cores, workstation GC");
var sampleJson = KubernetesJson.Serialize(SampleObjects.ConfigMap("bench", 0, withServerFields: true));
Console.WriteLine($"  sample object: ConfigMap, {sampleJson.Length} bytes of JSON");
Console.WriteLine();

Console.WriteLine("Memory per cached object (in-process list source, managed heap after full GC):");
foreach (var count in new[] { 1000, 5000 })
{
    var perObject = await MeasurePerObjectAsync(count);
    Console.WriteLine($"  {count,5} objects cached: {perObject.Total / 1024.0 / 1024.0,7:F2} MiB total, {perObject.PerObject,6:F0} bytes per object");
}

Console.WriteLine();
if (!withCluster)
{
    Console.WriteLine("Watch reconnects: skipped (--no-cluster)");
    return 0;
}

Console.WriteLine($"Watch reconnects against a local kube-apiserver ({clusterObjects} ConfigMaps cached, {reconnects} forced reconnects):");
await using var plane = await ControlPlaneScript.UpAsync(full: false, hollowNodes: 0);
var result = await MeasureReconnectsAsync(plane.KubeconfigPath, clusterObjects, reconnects);
Console.WriteLine($"  managed heap before: {result.Before / 1024.0 / 1024.0,7:F2} MiB (after {result.WarmUp} warm-up reconnects)");
Console.WriteLine($"  managed heap after:  {result.After / 1024.0 / 1024.0,7:F2} MiB (after {reconnects} more reconnects, {result.Elapsed.TotalSeconds:F1} s)");
Console.WriteLine($"  growth:              {result.GrowthPercent,7:F2} %   (target < 5 %)");
Console.WriteLine($"  watch connections opened: {result.Watches}, relists: {result.Relists}, updates seen: {result.UpdatesSeen}/{reconnects}, cached: {result.Cached}");
return result.GrowthPercent < 5 && result.UpdatesSeen == reconnects ? 0 : 1;

static async Task<(long Total, double PerObject)> MeasurePerObjectAsync(int count)
{
    using var stop = new CancellationTokenSource();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var informer = new Informer<V1ConfigMap>(new InProcessSource(count), ResourceTypes.ConfigMap);
    await informer.StartAsync(stop.Token);
    await informer.WaitForSyncAsync(CancellationToken.None);
    var after = GC.GetTotalMemory(forceFullCollection: true);
    if (informer.Store.Count != count)
    {
        throw new InvalidOperationException($"cached {informer.Store.Count}, expected {count}");
    }

    await stop.CancelAsync();
    await informer.Completion;
    GC.KeepAlive(informer);
    return (after - before, (after - before) / (double)count);
}

static async Task<ReconnectResult> MeasureReconnectsAsync(string kubeconfig, int objects, int reconnects)
{
    var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    var metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
    var cutter = new WatchChaosHandler();
    using var client = KubernetesClientFactory.Create(config, metrics, cutter);
    using var admin = new Kubernetes(config);
    const string ns = "runtime-bench";
    await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
    await Parallel.ForEachAsync(Enumerable.Range(0, objects), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
    {
        var item = SampleObjects.ConfigMap(ns, i, withServerFields: false);
        await admin.CoreV1.CreateNamespacedConfigMapAsync(item, ns, cancellationToken: ct);
    });

    using var stop = new CancellationTokenSource();
    var options = new InformerOptions
    {
        Namespaces = [ns],
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    };
    var informer = new Informer<V1ConfigMap>(
        new KubernetesListWatchSource<V1ConfigMap>(new KubernetesRestClient(client), ResourceTypes.ConfigMap), ResourceTypes.ConfigMap, options, metrics: metrics);
    await informer.StartAsync(stop.Token);
    await informer.WaitForSyncAsync(CancellationToken.None);

    var updatesSeen = 0;
    async Task ReconnectOnceAsync(int round)
    {
        // An update proves the current watch delivers; then the connection is cut and the next one must open.
        var name = $"service-{round % objects:D5}-config";
        var value = $"round-{round}-{Guid.NewGuid():N}";
        var watchesBefore = cutter.WatchesStarted;
        await admin.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch($"{{\"data\":{{\"ROUND\":\"{value}\"}}}}", V1Patch.PatchType.MergePatch), name, ns);
        await WaitUntilAsync(() => informer.Store.Get(new ObjectKey(ns, name))?.Data is { } data && data.TryGetValue("ROUND", out var seen) && seen == value);
        updatesSeen++;
        cutter.CutAll();
        await WaitUntilAsync(() => cutter.WatchesStarted > watchesBefore);
    }

    const int warmUp = 10;
    for (var i = 0; i < warmUp; i++)
    {
        await ReconnectOnceAsync(i);
    }

    updatesSeen = 0;
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < reconnects; i++)
    {
        await ReconnectOnceAsync(warmUp + i);
    }

    watch.Stop();
    var after = GC.GetTotalMemory(forceFullCollection: true);
    var result = new ReconnectResult(
        before,
        after,
        (after - before) * 100.0 / before,
        warmUp,
        watch.Elapsed,
        cutter.WatchesStarted,
        metrics.Relists.GetAllLabelValues().Sum(l => metrics.Relists.WithLabels(l).Value),
        updatesSeen,
        informer.Store.Count);
    await stop.CancelAsync();
    await informer.Completion;
    return result;
}

// Polled often: the time to catch up is what is measured.
static Task WaitUntilAsync(Func<bool> condition) =>
    Eventually.TrueAsync(condition, "the informer to catch up", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(2));

static int ReadInt(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record ReconnectResult(
    long Before, long After, double GrowthPercent, int WarmUp, TimeSpan Elapsed, int Watches, double Relists, int UpdatesSeen, int Cached);
