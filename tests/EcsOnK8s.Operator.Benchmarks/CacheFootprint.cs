using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// The managed heap the operator's caches hold per kind, measured in this process: each kind the operator caches in
/// the namespace is listed into an informer of the operator's runtime (same options: the children's managed-by
/// selector, the kept Apply entry, the shared metadata strings) and the heap after a full collection is compared
/// with the heap before. Measured twice, every informer kept; the second pass is reported (pooled strings are then
/// counted under no kind: they are shared). The operator's indexes and its own structures around
/// the caches are not included: the operator's whole heap per cached object is printed beside it.
/// </summary>
internal static class CacheFootprint
{
    public static async Task<IReadOnlyList<KindFootprint>> MeasureAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var rest = new KubernetesRestClient(client);
        var resources = new InformerOptions { Namespaces = [ns] };
        var children = EcsInformers.ChildOptions(resources);
        List<KindFootprint> result = [];
        List<object> kept = [];
        for (var pass = 0; pass < 2; pass++)
        {
            result =
            [
                await MeasureAsync<EcsService>(rest, resources, null, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<EcsTaskDefinition>(rest, resources, null, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<EcsCluster>(rest, resources, null, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<V1Deployment>(rest, children, null, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<V2HorizontalPodAutoscaler>(rest, children, ResourceTypes.HorizontalPodAutoscalerV2Beta2, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<V1ControllerRevision>(rest, children, null, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<V1ServiceAccount>(rest, children, null, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<V1PersistentVolumeClaim>(rest, children, null, kept, cancellationToken).ConfigureAwait(false),
                await MeasureAsync<V1Pod>(rest, children, null, kept, cancellationToken).ConfigureAwait(false),
            ];
        }

        GC.KeepAlive(kept);
        return [.. result.Where(r => r.Objects > 0)];
    }

    private static async Task<KindFootprint> MeasureAsync<T>(
        KubernetesRestClient rest, InformerOptions options, ResourceType? type, List<object> kept, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        // Nothing measured is ever dropped (the informers of both passes are kept): the heap only grows by what each
        // cache keeps, and the first pass has filled the pools (buffers, connections) a LIST leaves behind.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var informer = await FillAsync<T>(rest, options, type, cancellationToken).ConfigureAwait(false);
        kept.Add(informer);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return new KindFootprint(informer.ResourceType.Plural, informer.Store.Count, after - before);
    }

    private static async Task<Informer<T>> FillAsync<T>(
        KubernetesRestClient rest, InformerOptions options, ResourceType? type, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = new InformerFactory(rest, options).Get<T>(type);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await informer.StartAsync(stop.Token).ConfigureAwait(false);
        await informer.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await informer.Completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose: only the cache is measured.
        }

        return informer;
    }
}
