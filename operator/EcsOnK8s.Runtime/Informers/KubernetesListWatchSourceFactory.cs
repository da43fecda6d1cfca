using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>Sources that list and watch the real API server.</summary>
public sealed class KubernetesListWatchSourceFactory : IListWatchSourceFactory
{
    private readonly KubernetesRestClient _client;

    public KubernetesListWatchSourceFactory(KubernetesRestClient client)
    {
        _client = client;
    }

    public IListWatchSource<T> Create<T>(ResourceType type)
        where T : class, IKubernetesObject<V1ObjectMeta> => new KubernetesListWatchSource<T>(_client, type);
}
