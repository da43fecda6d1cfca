using System.Runtime.ExceptionServices;
using EcsOnK8s.Runtime.Diagnostics;
using k8s.LeaderElection;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Runtime.LeaderElection;

/// <summary>
/// Runs KubernetesClient's <see cref="LeaderElector"/> once: waits until this replica holds the Lease, runs the given
/// work while it does, and returns when leadership ends. It never tries to lead a second time: a replica that lost
/// the Lease may have stale in-memory state, so the caller is expected to stop the process and let a fresh one start.
/// </summary>
/// <remarks>
/// The elector alone does not keep a deposed leader from writing: a leader frozen past its lease (SIGSTOP, a paused
/// VM) wakes up with its work still running and only notices the new holder on its next renewal attempt, after it
/// has written on a stale view. So every write of the work is meant to pass <see cref="Fence"/>, which closes, on this
/// replica's monotonic clock, a renew deadline after the start of the last successful renewal; when it closes, the
/// work is cancelled at once and leadership counts as lost.
/// </remarks>
public sealed partial class LeaderElectionRunner : IDisposable
{
    private readonly LeaderElectionConfig _config;
    private readonly ILogger _logger;
    private readonly bool _releaseOnCancel;
    private readonly string _lease;
    private readonly TimeProvider _time;
    private readonly RuntimeMetrics? _metrics;
    private volatile bool _isLeader;
    private volatile string? _leader;

    /// <param name="config">Lock and timings, typically from <see cref="LeaseLeaderElection.CreateConfig"/>.</param>
    /// <param name="logger">Where elections are logged.</param>
    /// <param name="releaseOnCancel">Clear the holder of the Lease when cancelled after leading.</param>
    /// <param name="time">The clock of <see cref="Fence"/> (monotonic timestamps), of retries and of the release; the system clock when null.</param>
    /// <param name="metrics">Where leadership and election events are counted; not counted when null.</param>
    public LeaderElectionRunner(
        LeaderElectionConfig config, ILogger<LeaderElectionRunner> logger, bool releaseOnCancel = true, TimeProvider? time = null, RuntimeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(config.Lock);
        ArgumentNullException.ThrowIfNull(logger);
        if (config.RenewDeadline >= config.LeaseDuration)
        {
            // The fence closes a renew deadline after a renewal: only before the lease duration is that safe.
            throw new ArgumentException($"the renew deadline {config.RenewDeadline} must be shorter than the lease duration {config.LeaseDuration}", nameof(config));
        }

        time ??= TimeProvider.System;
        Fence = new LeaseWriteFence(config.RenewDeadline, time);
        _config = new LeaderElectionConfig(new FencedLock(config.Lock, Fence, time))
        {
            LeaseDuration = config.LeaseDuration,
            RenewDeadline = config.RenewDeadline,
            RetryPeriod = config.RetryPeriod,
        };
        _logger = logger;
        _releaseOnCancel = releaseOnCancel;
        _lease = config.Lock.Describe();
        _time = time;
        _metrics = metrics;
    }

    /// <summary>
    /// Open while this replica leads and its last successful renewal started less than a renew deadline ago; every
    /// write of the work must pass it (see <see cref="LeaseWriteFenceHandler"/>). Closed before the first acquisition,
    /// and for good once leadership ended.
    /// </summary>
    public LeaseWriteFence Fence { get; }

    /// <summary>The holder identity this replica writes into the Lease.</summary>
    public string Identity => _config.Lock.Identity;

    /// <summary>True while this replica holds the Lease and its work runs.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>The last holder this replica observed, itself included; null before the first observation.</summary>
    public string? Leader => _leader;

    /// <summary>
    /// Campaigns for the Lease and, once it holds it, runs <paramref name="whileLeading"/> with a token that is
    /// cancelled when leadership ends. Returns after that work has returned, so workers of two leaders never
    /// overlap on this replica's side. Exceptions thrown by the work are rethrown after the Lease was released.
    /// </summary>
    public async Task<LeadershipOutcome> RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        using var electorCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var leadingCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workReturnedWhileLeading = false;
        var fenceExpired = false;
        Task? leading = null;

        // The elector only notices a missed deadline on its own renew cycle, and a frozen process may resume with
        // its work first in line: stop the work the moment the fence closes, and stop renewing too, since workers
        // that ran past the deadline may have acted on a stale view.
        using var fenceClosed = Fence.Closed.Register(() =>
        {
            if (!electorCts.IsCancellationRequested)
            {
                fenceExpired = true;
                LogFenceClosed(_logger, _lease, Identity, _config.RenewDeadline);
            }

            electorCts.Cancel();
            leadingCts.Cancel();
        });

        using var elector = new LeaderElector(_config);
        elector.OnNewLeader += leader =>
        {
            _leader = leader;
            _metrics?.LeaderElectionEvents.WithLabels(_lease, "new_leader").Inc();
            if (string.IsNullOrEmpty(leader))
            {
                LogLeaseReleasedByHolder(_logger, _lease);
            }
            else
            {
                LogNewLeader(_logger, _lease, leader, leader == Identity);
            }
        };
        elector.OnError += e =>
        {
            _metrics?.LeaderElectionEvents.WithLabels(_lease, "error").Inc();
            LogElectionError(_logger, e, _lease);
        };
        elector.OnStartedLeading += () =>
        {
            _isLeader = true;
            _leader = Identity;
            _metrics?.LeaderElectionIsLeader.WithLabels(_lease).Set(1);
            _metrics?.LeaderElectionEvents.WithLabels(_lease, "started_leading").Inc();
            LogStartedLeading(_logger, _lease, Identity);

            // The elector raises this event on its own renew path; the work must not block renewals.
            leading = Task.Run(async () =>
            {
                try
                {
                    await whileLeading(leadingCts.Token);
                }
                finally
                {
                    if (!leadingCts.IsCancellationRequested)
                    {
                        workReturnedWhileLeading = true;
                        await electorCts.CancelAsync();
                    }
                }
            }, CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            _isLeader = false;
            _metrics?.LeaderElectionIsLeader.WithLabels(_lease).Set(0);
            _metrics?.LeaderElectionEvents.WithLabels(_lease, "stopped_leading").Inc();
            leadingCts.Cancel();
        };

        var outcome = LeadershipOutcome.Cancelled;
        LogCampaigning(_logger, _lease, Identity, _config.LeaseDuration, _config.RenewDeadline, _config.RetryPeriod);
        try
        {
            while (true)
            {
                try
                {
                    await elector.RunUntilLeadershipLostAsync(electorCts.Token);

                    // The elector also returns (instead of throwing) when cancellation interrupts its renew deadline.
                    outcome = electorCts.IsCancellationRequested && !fenceExpired ? LeadershipOutcome.Cancelled : LeadershipOutcome.Lost;
                    break;
                }
                catch (OperationCanceledException) when (electorCts.IsCancellationRequested)
                {
                    outcome = fenceExpired ? LeadershipOutcome.Lost : LeadershipOutcome.Cancelled;
                    break;
                }
                catch (Exception e) when (leading is null)
                {
                    // Not leading yet and the Lease could not be read (API server away, missing RBAC): keep trying.
                    LogAcquireFailed(_logger, e, _lease, _config.RetryPeriod);
                    try
                    {
                        await Task.Delay(_config.RetryPeriod, _time, electorCts.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                catch (Exception e)
                {
                    LogRenewFailed(_logger, e, _lease);
                    outcome = LeadershipOutcome.Lost;
                    break;
                }
            }
        }
        finally
        {
            // After a missed renew deadline the elector leaves its renew attempt running; cancelling stops it
            // from writing this replica back into the Lease behind the next leader's back.
            await electorCts.CancelAsync();
            if (outcome == LeadershipOutcome.Lost)
            {
                // Not one more write, not even from reconciles still draining.
                Fence.Revoke();
            }

            await leadingCts.CancelAsync();
            _isLeader = false;
        }

        if (leading is null)
        {
            Fence.Revoke();
            return outcome == LeadershipOutcome.Lost ? LeadershipOutcome.Lost : LeadershipOutcome.Cancelled;
        }

        ExceptionDispatchInfo? workFailure = null;
        try
        {
            await leading;
        }
        catch (OperationCanceledException) when (leadingCts.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            workFailure = ExceptionDispatchInfo.Capture(e);
        }

        // Work stopping on request drained while the Lease was still valid (the fence held it to that); now that it
        // is done, nothing written on behalf of the leader may follow the release.
        Fence.Revoke();
        if (workReturnedWhileLeading && outcome != LeadershipOutcome.Lost)
        {
            outcome = LeadershipOutcome.WorkCompleted;
        }

        if (outcome == LeadershipOutcome.Lost)
        {
            LogLeadershipLost(_logger, _lease, Identity);
        }
        else
        {
            LogSteppedDown(_logger, _lease, Identity);
            if (_releaseOnCancel)
            {
                await ReleaseAsync();
            }
        }

        workFailure?.Throw();
        return outcome;
    }

    public void Dispose() => Fence.Dispose();

    /// <summary>
    /// Clears the holder when this replica still holds the Lease. The update carries the resourceVersion just read,
    /// so it cannot overwrite a Lease another replica acquired in the meantime.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_config.RenewDeadline, _time);
        try
        {
            var record = await _config.Lock.GetAsync(timeout.Token);
            if (record is null || record.HolderIdentity != Identity)
            {
                return;
            }

            var released = new LeaderElectionRecord
            {
                HolderIdentity = string.Empty,
                LeaseDurationSeconds = 1,
                AcquireTime = record.AcquireTime,
                RenewTime = _time.GetUtcNow().UtcDateTime,
                LeaderTransitions = record.LeaderTransitions,
            };
            if (await _config.Lock.UpdateAsync(released, timeout.Token))
            {
                LogReleased(_logger, _lease, Identity);
            }
            else
            {
                LogReleaseFailed(_logger, null, _lease);
            }
        }
        catch (Exception e)
        {
            LogReleaseFailed(_logger, e, _lease);
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Campaigning for lease {Lease} as {Identity} (lease duration {LeaseDuration}, renew deadline {RenewDeadline}, retry period {RetryPeriod})")]
    private static partial void LogCampaigning(ILogger logger, string lease, string identity, TimeSpan leaseDuration, TimeSpan renewDeadline, TimeSpan retryPeriod);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Lease {Lease} is held by {Leader} (this replica: {IsSelf})")]
    private static partial void LogNewLeader(ILogger logger, string lease, string leader, bool isSelf);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Started leading on lease {Lease} as {Identity}")]
    private static partial void LogStartedLeading(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Lost leadership on lease {Lease} as {Identity}: the lease was not renewed within the renew deadline")]
    private static partial void LogLeadershipLost(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Stepped down from lease {Lease} as {Identity}")]
    private static partial void LogSteppedDown(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Released lease {Lease} held by {Identity}")]
    private static partial void LogReleased(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Could not release lease {Lease}; followers take over when it expires")]
    private static partial void LogReleaseFailed(ILogger logger, Exception? exception, string lease);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "Could not read or acquire lease {Lease}; retrying in {RetryPeriod}")]
    private static partial void LogAcquireFailed(ILogger logger, Exception exception, string lease, TimeSpan retryPeriod);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Error, Message = "Renewing lease {Lease} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Debug, Message = "Leader election error on lease {Lease}")]
    private static partial void LogElectionError(ILogger logger, Exception exception, string lease);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Lease {Lease} was released by its holder")]
    private static partial void LogLeaseReleasedByHolder(ILogger logger, string lease);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Error,
        Message = "Lease {Lease} held by {Identity} was not renewed within {RenewDeadline} of the last successful renewal: writes are refused and the work stops")]
    private static partial void LogFenceClosed(ILogger logger, string lease, string identity, TimeSpan renewDeadline);
}
