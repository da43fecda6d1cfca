using System.Runtime.CompilerServices;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>List/watch sources that list the objects they were given and then watch a quiet stream: caches without an API server.</summary>
public sealed class SeededSourceFactory(IReadOnlyList<object> objects) : IListWatchSourceFactory
{
    public IListWatchSource<T> Create<T>(ResourceType type)
        where T : class, IKubernetesObject<V1ObjectMeta> => new Source<T>([.. objects.OfType<T>()]);

    private sealed class Source<T>(IReadOnlyList<T> items) : IListWatchSource<T>
        where T : class
    {
        public Task<ResourcePage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ResourcePage<T>(items, "1", null));

        public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            yield break;
        }
    }
}
