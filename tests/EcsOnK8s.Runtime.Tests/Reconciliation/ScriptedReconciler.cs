using EcsOnK8s.Runtime.Reconciliation;

namespace EcsOnK8s.Runtime.Tests.Reconciliation;

/// <summary>Records the keys it gets and answers from a script (Done when the script is empty).</summary>
internal sealed class ScriptedReconciler<T> : IReconciler<T>
    where T : class
{
    private readonly Lock _lock = new();
    private readonly List<ObjectKey> _calls = [];
    private readonly Queue<Func<ReconcileResult>> _script = new();

    public IReadOnlyList<ObjectKey> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public int CallsFor(ObjectKey key) => Calls.Count(k => k == key);

    public void Then(Func<ReconcileResult> next)
    {
        lock (_lock)
        {
            _script.Enqueue(next);
        }
    }

    public void Then(ReconcileResult next) => Then(() => next);

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Func<ReconcileResult>? next;
        lock (_lock)
        {
            _calls.Add(key);
            _script.TryDequeue(out next);
        }

        return Task.FromResult(next is null ? ReconcileResult.Done : next());
    }
}
