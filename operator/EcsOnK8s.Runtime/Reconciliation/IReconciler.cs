namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>
/// Brings the cluster in line with one object. Level-triggered: it gets a key, never an event, reads the current
/// state (from the informers' stores), and the same state always yields the same writes, so running it again, or
/// after a crash at any point, is safe. A missing object (deleted) must be handled too: clean up, return Done.
/// </summary>
public interface IReconciler<T>
    where T : class
{
    /// <summary>Reconciles the object named by <paramref name="key"/>. Exceptions count as transient errors.</summary>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
