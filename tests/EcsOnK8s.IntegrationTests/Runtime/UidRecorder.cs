using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;

namespace EcsOnK8s.IntegrationTests.Runtime;

/// <summary>A reconciler that records the UID of the object each reconcile found in the cache.</summary>
internal sealed class UidRecorder<T>(Store<T> store) : IReconciler<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public bool Saw(string uid)
    {
        lock (_lock)
        {
            return _seen.Contains(uid);
        }
    }

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (store.Get(key)?.Metadata?.Uid is { } uid)
        {
            lock (_lock)
            {
                _seen.Add(uid);
            }
        }

        return Task.FromResult(ReconcileResult.Done);
    }
}
