using k8s.LeaderElection;

namespace EcsOnK8s.Runtime.Tests.LeaderElection;

/// <summary>A Lease in memory, shared by the electors of one test; updates can be made to fail.</summary>
internal sealed class InMemoryLock : ILock
{
    private readonly object _gate = new();
    private LeaderElectionRecord? _record;
    private int _reads;

    public InMemoryLock(string identity, LeaderElectionRecord? initial = null)
    {
        Identity = identity;
        _record = initial is null ? null : Copy(initial);
    }

    public string Identity { get; }

    /// <summary>When set, every create and update is refused, as the API server refuses a stale resourceVersion.</summary>
    public volatile bool RefuseWrites;

    public int Updates { get; private set; }

    /// <summary>How many times the record was read: an elector reads it once per attempt to acquire or renew.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Runs before every read (e.g. another holder renewing between two looks of the elector).</summary>
    public Action? BeforeRead { get; set; }

    /// <summary>Runs inside every create and update, before it is stored (e.g. to move a fake clock: a slow request).</summary>
    public Action? DuringWrite { get; set; }

    public LeaderElectionRecord? Current
    {
        get
        {
            lock (_gate)
            {
                return _record is null ? null : Copy(_record);
            }
        }

        set
        {
            lock (_gate)
            {
                _record = value is null ? null : Copy(value);
            }
        }
    }

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        BeforeRead?.Invoke();
        Interlocked.Increment(ref _reads);
        return Task.FromResult(Current!);
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        DuringWrite?.Invoke();
        lock (_gate)
        {
            if (_record is not null || RefuseWrites)
            {
                return Task.FromResult(false);
            }

            _record = Copy(record);
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        DuringWrite?.Invoke();
        lock (_gate)
        {
            if (RefuseWrites)
            {
                return Task.FromResult(false);
            }

            _record = Copy(record);
            Updates++;
            return Task.FromResult(true);
        }
    }

    public string Describe() => "test/lock";

    private static LeaderElectionRecord Copy(LeaderElectionRecord r) => new()
    {
        HolderIdentity = r.HolderIdentity,
        LeaseDurationSeconds = r.LeaseDurationSeconds,
        AcquireTime = r.AcquireTime,
        RenewTime = r.RenewTime,
        LeaderTransitions = r.LeaderTransitions,
    };
}
