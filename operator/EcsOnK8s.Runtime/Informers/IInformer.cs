using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>What the runtime needs from an informer without knowing its object type.</summary>
public interface IInformer
{
    ResourceType ResourceType { get; }

    /// <summary>True once every watched scope has listed at least once.</summary>
    bool HasSynced { get; }

    /// <summary>
    /// True when the cache holds every object of <paramref name="namespace"/> (the namespace is watched and no label
    /// selector filters it), so that absence from the cache means absence from the cluster.
    /// </summary>
    bool IsComplete(string? @namespace);

    /// <summary>
    /// True when the cache holds every object of <paramref name="namespace"/> that matches <paramref name="labelSelector"/>
    /// (the namespace is watched, and the informer has no label selector or exactly that one), so that a query for
    /// such objects can be answered from the cache.
    /// </summary>
    bool IsCompleteFor(string? @namespace, string labelSelector) => IsComplete(@namespace);

    /// <summary>Starts listing and watching (once; later calls return at once) until the token is cancelled.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>The cached object of a key, untyped.</summary>
    IKubernetesObject<V1ObjectMeta>? GetObject(ObjectKey key);

    /// <summary>The cached objects whose controller owner has this UID, untyped.</summary>
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> GetByControllerOwner(string ownerUid);

    /// <summary>
    /// Takes the API server's answer to the operator's own write of an object into the cache ahead of its watch event,
    /// when the cache still holds <paramref name="replacedVersion"/>, the version the write replaced (anything else
    /// means the watch has moved on, and the answer is dropped). Subscribers hear of it as an update at once, and the
    /// watch event of the same version is not dispatched again. Without it, a reconcile queued between the write and
    /// its echo reads the version before its own write, computes the same status again from it, and sends a write
    /// that costs a conflict and a read. Returns whether the answer was taken.
    /// </summary>
    bool TakeWritten(IKubernetesObject<V1ObjectMeta> written, string? replacedVersion);

    /// <summary>The object of a key that was served but cannot be read into the model (it is then not cached), or null.</summary>
    UndecodableObject? GetUndecodable(ObjectKey key);

    /// <summary>
    /// Hears of every object that cannot be read into the model: those known now, then each new one or new resource
    /// version of one. Dispose the result to unsubscribe.
    /// </summary>
    IDisposable SubscribeUndecodable(Action<UndecodableObject> handler);
}
