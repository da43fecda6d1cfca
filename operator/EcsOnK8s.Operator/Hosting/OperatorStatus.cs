using EcsOnK8s.Runtime;

namespace EcsOnK8s.Operator.Hosting;

/// <summary>What /readyz reports and what the process exits with.</summary>
public sealed class OperatorStatus
{
    private readonly IReadOnlyList<IManagedController> _controllers;
    private volatile bool _informersStarted;
    private volatile bool _workersRunning;
    private int _exitCode;

    public OperatorStatus(IEnumerable<IManagedController> controllers)
    {
        _controllers = controllers.ToList();
    }

    public IReadOnlyList<IManagedController> Controllers => _controllers;

    /// <summary>True while this replica runs the controllers' workers (the leader, or any replica without election).</summary>
    public bool WorkersRunning
    {
        get => _workersRunning;
        internal set => _workersRunning = value;
    }

    /// <summary>Ready once the informers of every controller run and their caches have synced, on followers too.</summary>
    public bool IsReady => _informersStarted && _controllers.All(c => c.HasSynced);

    /// <summary>0 unless something asked the process to fail; the first failure wins.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>Why the replica is not ready, one line per reason; empty when ready.</summary>
    public IReadOnlyList<string> NotReadyReasons()
    {
        var reasons = new List<string>();
        if (!_informersStarted)
        {
            reasons.Add("informers not started");
        }

        reasons.AddRange(_controllers.Where(c => !c.HasSynced).Select(c => $"controller {c.Name}: caches not synced"));
        return reasons;
    }

    internal void MarkInformersStarted() => _informersStarted = true;

    internal void Fail(int exitCode) => Interlocked.CompareExchange(ref _exitCode, exitCode, 0);
}
