using k8s.LeaderElection;

namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>
/// The Lease lock as the elector sees it, reporting to a <see cref="LeaseWriteFence"/> every write that made this
/// replica the holder, with the time the write STARTED: the server stored the renewal after that moment, so a
/// follower's lease duration, counted from when it saw the renewal, ends after this start + lease duration.
/// </summary>
internal sealed class FencedLock : ILock
{
    private readonly ILock _inner;
    private readonly LeaseWriteFence _fence;
    private readonly TimeProvider _time;

    public FencedLock(ILock inner, LeaseWriteFence fence, TimeProvider time)
    {
        _inner = inner;
        _fence = fence;
        _time = time;
    }

    public string Identity => _inner.Identity;

    public string Describe() => _inner.Describe();

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) => _inner.GetAsync(cancellationToken);

    public async Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var created = await _inner.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        Report(record, created, started);
        return created;
    }

    public async Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var updated = await _inner.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        Report(record, updated, started);
        return updated;
    }

    private void Report(LeaderElectionRecord record, bool written, long started)
    {
        if (!written)
        {
            return;
        }

        if (record is not null && record.HolderIdentity == Identity)
        {
            _fence.Renewed(started);
        }
        else
        {
            // Released (holder cleared): from now on another replica may acquire at any moment.
            _fence.Revoke();
        }
    }
}
