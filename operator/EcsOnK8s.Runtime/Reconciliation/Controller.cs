using System.Collections.Concurrent;
using EcsOnK8s.Runtime.Diagnostics;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.LeaderElection;
using EcsOnK8s.Runtime.Queue;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace EcsOnK8s.Runtime.Reconciliation;

/// <summary>
/// Runs an <see cref="IReconciler{T}"/> for every key of a primary resource: its informer and those of owned and
/// referenced resources feed a <see cref="WorkQueue{TKey}"/> of primary keys; workers take keys and act on the
/// result. Build one with <see cref="ControllerBuilder{T}"/>.
/// </summary>
/// <remarks>
/// Which changes queue a primary key:
/// <list type="bullet">
/// <item>the primary object is added, updated or deleted (a relist counts as well);</item>
/// <item>an owned child (its controller owner reference names a primary of this kind) is added, updated or deleted;</item>
/// <item>a referenced object changes and the mapping function returns the key (both old and new objects are mapped).</item>
/// </list>
/// Terminal error rule: after <see cref="ReconcileOutcome.TerminalError"/> the controller remembers the primary's
/// UID and <c>metadata.generation</c> as read just before that reconcile. Add and update events of that same object
/// (a successor created under the name is another one) carrying that same generation (status, label or annotation edits, relists) are then ignored for that key; a new generation, a
/// deletion of the primary, a change of a child or of a referenced object, or an explicit <see cref="Enqueue(ObjectKey)"/>
/// queue it again. Any later result other than TerminalError clears the memory.
/// </remarks>
public sealed class Controller<T> : IManagedController, IDisposable
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IReadOnlyList<IInformer> _informers;
    private readonly IReconciler<T> _reconciler;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics? _metrics;
    private readonly ConcurrentDictionary<ObjectKey, (string? Uid, long? Generation)> _terminalGenerations = new();

    // Keys whose last reconcile asked for a timed look, and when it is due (see ProcessAsync).
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _requeues = new();
    private readonly List<IDisposable> _subscriptions = [];

    internal Controller(
        string name,
        Informer<T> primary,
        IReadOnlyList<IInformer> secondaries,
        IReadOnlyList<Func<Controller<T>, IDisposable>> wirings,
        IReconciler<T> reconciler,
        ControllerOptions options,
        TimeProvider time,
        ILogger logger,
        RuntimeMetrics? metrics)
    {
        Name = name;
        Informer = primary;
        _informers = [primary, .. secondaries.Where(i => !ReferenceEquals(i, primary)).Distinct()];
        _reconciler = reconciler;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        Queue = new WorkQueue<ObjectKey>(name, options.RateLimiter, time, metrics);
        _subscriptions.Add(primary.Subscribe(OnPrimaryEvent));
        foreach (var wire in wirings)
        {
            _subscriptions.Add(wire(this));
        }
    }

    public string Name { get; }

    /// <summary>The informer of the primary resource.</summary>
    public Informer<T> Informer { get; }

    /// <summary>The cache of the primary resource.</summary>
    public Store<T> Store => Informer.Store;

    /// <summary>The keys waiting to be reconciled.</summary>
    public WorkQueue<ObjectKey> Queue { get; }

    public bool HasSynced => _informers.All(i => i.HasSynced);

    /// <summary>Queues a primary key (also after a terminal error).</summary>
    public void Enqueue(ObjectKey key) => Queue.Add(key);

    /// <summary>Queues a key after <paramref name="delay"/> (at once when zero); when it already waits, the earlier time wins.</summary>
    public void Enqueue(ObjectKey key, TimeSpan delay) => Queue.AddAfter(key, delay);

    public async Task StartInformersAsync(CancellationToken cancellationToken)
    {
        foreach (var informer in _informers)
        {
            await informer.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        ControllerLog.WaitingForCaches(_logger, Name);
        try
        {
            await Task.WhenAll(_informers.Select(i => i.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var workers = Math.Max(1, _options.Workers);
        ControllerLog.Started(_logger, Name, workers);
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)).ToList();
        if (_options.ResyncPeriod is { } period && period > TimeSpan.Zero)
        {
            tasks.Add(ResyncAsync(period, cancellationToken));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        ControllerLog.Stopped(_logger, Name);
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        Queue.Dispose();
    }

    /// <summary>Processes one key as a worker would (exposed for tests and for hosts that drive the queue themselves).</summary>
    public async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        // A timed look this key's last reconcile asked for is this reconcile's to ask for again: its result states
        // what the key waits for now (a reconcile queued early by a watch would otherwise run once more, late, for nothing).
        if (_requeues.TryRemove(key, out var requeueDue))
        {
            Queue.CancelAfter(key, requeueDue);
        }

        var primary = Store.Get(key)?.Metadata;
        var generation = primary?.Generation;
        var started = _time.GetTimestamp();
        var apiWait = ApiWait.Begin(_time);
        ReconcileResult result;
        try
        {
            result = await _reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the reconciler returned null");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (LeadershipLostException)
        {
            // Not the object's fault and not worth a retry: this replica may no longer write at all.
            throw;
        }
        catch (Exception e)
        {
            ControllerLog.Threw(_logger, Name, key, e);
            result = ReconcileResult.TransientError(e);
        }

        var elapsed = _time.GetElapsedTime(started);
        _metrics?.ReconcileDuration.WithLabels(Name).Observe(elapsed.TotalSeconds);
        _metrics?.ReconcileOwnDuration.WithLabels(Name).Observe(Math.Max(0, (elapsed - apiWait.Total).TotalSeconds));
        _metrics?.Reconciles.WithLabels(Name, ReconcileOutcomeLabels.Of(result.Outcome)).Inc();
        ControllerLog.Reconciled(_logger, Name, key, result, elapsed.TotalMilliseconds);

        switch (result.Outcome)
        {
            case ReconcileOutcome.Done:
                _terminalGenerations.TryRemove(key, out _);
                Queue.Forget(key);
                break;
            case ReconcileOutcome.RequeueAfter:
                _terminalGenerations.TryRemove(key, out _);
                Queue.Forget(key);
                if (Queue.AddAfter(key, result.Delay) is { } due)
                {
                    _requeues[key] = due;
                }

                break;
            case ReconcileOutcome.TransientError:
                _terminalGenerations.TryRemove(key, out _);
                _metrics?.ReconcileErrors.WithLabels(Name).Inc();
                ControllerLog.TransientError(_logger, Name, key, Queue.NumRequeues(key) + 1, result.Error);
                Queue.AddRateLimited(key);
                break;
            case ReconcileOutcome.TerminalError:
                _metrics?.ReconcileErrors.WithLabels(Name).Inc();
                ControllerLog.TerminalError(_logger, Name, key, result.Reason, generation);
                Queue.Forget(key);
                if (generation is not null)
                {
                    _terminalGenerations[key] = (primary?.Uid, generation);
                }

                break;
        }
    }

    /// <summary>
    /// True when the key failed terminally at this generation (so its events are ignored); with <paramref name="uid"/>,
    /// only when that object is the one that failed.
    /// </summary>
    public bool IsTerminal(ObjectKey key, long? generation, string? uid = null) =>
        _terminalGenerations.TryGetValue(key, out var failed) && failed.Generation == generation
        && (uid is null || failed.Uid is null || failed.Uid == uid);

    private void OnPrimaryEvent(ResourceEvent<T> change)
    {
        var key = ObjectKey.From(change.Object);
        if (change.Type == ResourceEventType.Deleted)
        {
            _terminalGenerations.TryRemove(key, out _);
        }
        else if (IsTerminal(key, change.Object.Metadata?.Generation, change.Object.Metadata?.Uid)
            || (_options.IgnoreStatusOnlyUpdates && change.IsStatusOnlyUpdate()))
        {
            return;
        }

        Queue.Add(key);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            WorkItem<ObjectKey>? item;
            try
            {
                item = await Queue.GetAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (item is not { } work)
            {
                return;
            }

            try
            {
                await ProcessAsync(work.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (LeadershipLostException e)
            {
                ControllerLog.WriteRefused(_logger, Name, work.Key, e.Message);
                await WaitUntilStoppedAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            finally
            {
                Queue.Done(work.Key);
            }
        }
    }

    /// <summary>
    /// After a refused write the worker takes no more keys (each would be refused as well) but does not end on its
    /// own either: whoever owns the lease fence stops the workers, and a worker ending first would look like a crash.
    /// </summary>
    private static async Task WaitUntilStoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private async Task ResyncAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in Store.List())
                {
                    OnPrimaryEvent(new ResourceEvent<T>(ResourceEventType.Updated, item, item));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
