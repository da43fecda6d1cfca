using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Workloads waiting for a task definition's controller to decide about its current spec (registered, or refused),
/// by family: the task definition's status write that records the decision queues them (<see cref="Release"/>),
/// where a timed recheck would have polled. That status write is otherwise ignored by the workloads' watches, and
/// a new revision alone can arrive before it (the revision is written first).
/// </summary>
public sealed class TaskDefinitionWaiters(EcsInformers informers)
{
    /// <summary>
    /// How long a waiting workload waits before it looks again anyway: a safety net for a decision whose status write
    /// never comes (a task definition controller that fails on it), not the way a workload learns of it.
    /// </summary>
    public static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<ObjectKey>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, string> _familyOf = [];

    /// <summary>The workloads waiting now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _familyOf.Count;
            }
        }
    }

    /// <summary>
    /// Records that <paramref name="workload"/> waits for <paramref name="family"/> in <paramref name="owner"/>'s
    /// namespace. False when the cache already shows the decision (it came between the workload's read and this
    /// call, so no release will follow): the workload should look again at once.
    /// </summary>
    public bool Wait(V1ObjectMeta owner, string family, ObjectKey workload)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(family);
        var scoped = EcsInformers.Scoped(owner, family);
        lock (_lock)
        {
            RemoveLocked(workload);
            if (!_waiting.TryGetValue(scoped, out var keys))
            {
                keys = [];
                _waiting[scoped] = keys;
            }

            keys.Add(workload);
            _familyOf[workload] = scoped;
        }

        // The release runs after the store holds the decision: one of the two sees the other.
        return !informers.TaskDefinitions.Store.ByIndex(EcsInformers.FamilyIndex, scoped).Any(IsDecided);
    }

    /// <summary>
    /// As <see cref="Wait"/>, as the delay of the waiting workload's requeue: the <see cref="SafetyNet"/>, or zero
    /// (look again at once) when the decision is already cached.
    /// </summary>
    public TimeSpan RecheckAfter(V1ObjectMeta owner, string family, ObjectKey workload) =>
        Wait(owner, family, workload) ? SafetyNet : TimeSpan.Zero;

    /// <summary>
    /// The workloads waiting for <paramref name="td"/>'s family, forgotten here, when <paramref name="td"/> records
    /// the decision about its current spec and the revision it names is in the cache; none otherwise.
    /// </summary>
    public IReadOnlyList<ObjectKey> Release(EcsTaskDefinition td)
    {
        ArgumentNullException.ThrowIfNull(td);
        if (!IsDecided(td))
        {
            return [];
        }

        var scoped = EcsInformers.Scoped(td.Metadata, EcsInformers.EffectiveFamily(td));
        lock (_lock)
        {
            if (!_waiting.Remove(scoped, out var keys))
            {
                return [];
            }

            foreach (var key in keys)
            {
                _familyOf.Remove(key);
            }

            return [.. keys];
        }
    }

    /// <summary>Forgets <paramref name="workload"/> (deleted, or no longer waiting).</summary>
    public void Forget(ObjectKey workload)
    {
        lock (_lock)
        {
            RemoveLocked(workload);
        }
    }

    private void RemoveLocked(ObjectKey workload)
    {
        if (_familyOf.Remove(workload, out var family) && _waiting.TryGetValue(family, out var keys) && keys.Remove(workload) && keys.Count == 0)
        {
            _waiting.Remove(family);
        }
    }

    // Decided, and what it decided is visible: a latest revision the revisions' cache does not hold yet would resolve to
    // "not registered" for a moment; that revision's own watch event queues the family's workloads.
    private bool IsDecided(EcsTaskDefinition td) =>
        td.Status?.ObservedGeneration == td.Metadata.Generation
        && (td.Status?.LatestRevision is not { } latest
            || informers.Revisions.Store.ByIndex(EcsInformers.FamilyIndex, EcsInformers.Scoped(td.Metadata, EcsInformers.EffectiveFamily(td)))
                .Any(r => TaskDefinitionRevisions.Number(r) == latest && r.Metadata.OwnerReferences?.Any(o => o.Uid == td.Metadata.Uid) == true));
}
