namespace EcsOnK8s.Runtime;

/// <summary>
/// A controller as the operator host sees it: informers that may start on every replica (so followers keep warm
/// caches) and workers that run only on the leader.
/// </summary>
public interface IManagedController
{
    /// <summary>Stable name, used in logs and metric labels (e.g. "ecsservice").</summary>
    string Name { get; }

    /// <summary>True once every informer of this controller has listed and is watching.</summary>
    bool HasSynced { get; }

    /// <summary>Starts the informers and returns once they run; they stop when the token is cancelled.</summary>
    Task StartInformersAsync(CancellationToken cancellationToken);

    /// <summary>Waits for the caches, then runs the workers until the token is cancelled.</summary>
    Task RunWorkersAsync(CancellationToken cancellationToken);
}
