using System.Globalization;
using System.Runtime.CompilerServices;
using EcsOnK8s.Runtime.Informers;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Benchmarks;

/// <summary>
/// Lists N ConfigMaps, each decoded from its own JSON text as the real source does, then watches quietly. The JSON
/// is produced page by page, so only decoded objects stay alive (in the cache).
/// </summary>
internal sealed class InProcessSource(int count) : IListWatchSource<V1ConfigMap>
{
    public Task<ResourcePage<V1ConfigMap>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        var start = request.Continue is null ? 0 : int.Parse(request.Continue, CultureInfo.InvariantCulture);
        var size = request.Limit > 0 ? request.Limit : count;
        var items = Enumerable.Range(start, Math.Min(size, count - start))
            .Select(i => KubernetesJson.Deserialize<V1ConfigMap>(KubernetesJson.Serialize(SampleObjects.ConfigMap("bench", i, withServerFields: true))))
            .ToList();
        var next = start + size < count ? (start + size).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ResourcePage<V1ConfigMap>(items, "5000000", next));
    }

    public async IAsyncEnumerable<WatchEvent<V1ConfigMap>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        yield break;
    }
}
