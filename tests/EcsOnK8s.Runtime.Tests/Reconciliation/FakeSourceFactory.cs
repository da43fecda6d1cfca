using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Tests.Informers;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Tests.Reconciliation;

/// <summary>One fake source per resource type.</summary>
internal sealed class FakeSourceFactory : IListWatchSourceFactory
{
    private readonly Dictionary<ResourceType, object> _sources = [];

    public FakeListWatchSource<T> For<T>(ResourceType type)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue(type, out var source))
            {
                _sources[type] = source = new FakeListWatchSource<T>();
            }

            return (FakeListWatchSource<T>)source;
        }
    }

    public IListWatchSource<T> Create<T>(ResourceType type)
        where T : class, IKubernetesObject<V1ObjectMeta> => For<T>(type);
}
