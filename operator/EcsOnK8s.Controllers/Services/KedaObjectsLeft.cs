using System.Collections.Concurrent;
using EcsOnK8s.Runtime;
using EcsOnK8s.Translation.Workloads.Keda;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Services;

/// <summary>
/// The KEDA objects (ScaledObject, TriggerAuthentication) each service was left with by this process's last
/// reconcile of it. KEDA's kinds have no informer, so pruning them is a LIST each; it is needed only when a service
/// may hold one that its render no longer has. Unknown (a fresh process: the last one may have left some) means a
/// LIST. Only this process writes while it leads (a replica that loses the lease exits), so what it remembers stays
/// true until it changes it itself.
/// </summary>
public sealed class KedaObjectsLeft
{
    // By key, to be forgotten when the service goes; the uid tells a service recreated under the same name apart.
    private readonly ConcurrentDictionary<ObjectKey, (string? Uid, string[] Names)> _byService = new();

    /// <summary>Whether pruning must look for KEDA objects of <paramref name="service"/> that are not in <paramref name="rendered"/>.</summary>
    public bool NeedPrune(ObjectKey service, string? uid, IEnumerable<IKubernetesObject<V1ObjectMeta>> rendered) =>
        !_byService.TryGetValue(service, out var left) || left.Uid != uid || left.Names.Except(Names(rendered), StringComparer.Ordinal).Any();

    /// <summary>After the apply and prune of <paramref name="rendered"/>: the service holds exactly its KEDA objects.</summary>
    public void Remember(ObjectKey service, string? uid, IEnumerable<IKubernetesObject<V1ObjectMeta>> rendered) => _byService[service] = (uid, [.. Names(rendered)]);

    public void Forget(ObjectKey service) => _byService.TryRemove(service, out _);

    private static IEnumerable<string> Names(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        objects.Where(o => o is ScaledObject or TriggerAuthentication).Select(o => o.Kind + "/" + o.Metadata.Name);
}
