using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>Makes the list/watch source of a resource type; see <see cref="InformerFactory"/>.</summary>
public interface IListWatchSourceFactory
{
    IListWatchSource<T> Create<T>(ResourceType type)
        where T : class, IKubernetesObject<V1ObjectMeta>;
}
