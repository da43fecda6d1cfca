using System.Collections.Concurrent;
using System.Threading.Channels;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Delivers events to the rules' targets. Each (rule, target) has its own queue and worker, so a slow or dead target
/// delays only its own events, in order; never other targets, rules or reconciles. A failed attempt that may succeed
/// later is retried after an exponential backoff with jitter until the target's retryPolicy
/// (maximumRetryAttempts, maximumEventAgeInSeconds) is spent; then, or at once for a permanent failure or when the
/// rule's invocations of the minute are used up, the event becomes a dead letter (status and a Kubernetes Event).
/// </summary>
public sealed class EventDispatcher
{
    private readonly IReadOnlyList<IEventTargetInvoker> _invokers;
    private readonly EventDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly IEventRecorder? _events;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string RuleUid, string TargetId), Lane> _lanes = new();
    private readonly ConcurrentDictionary<string, RuleDeliveryState> _states = new(StringComparer.Ordinal);
    private CancellationToken _stopping = new(canceled: true);

    public EventDispatcher(
        IEnumerable<IEventTargetInvoker> invokers, EventDeliveryOptions options, TimeProvider time, IEventRecorder? events = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(invokers);
        _invokers = [.. invokers];
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _events = events;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Called (from any thread) when a rule's counts, errors or dead letters changed: queue its status write.</summary>
    public Action<ObjectKey>? StatusChanged { get; set; }

    public EventDeliveryOptions Options => _options;

    /// <summary>Events waiting (not yet attempted or between retries) over all targets.</summary>
    public int Pending => _lanes.Values.Sum(l => l.Count);

    /// <summary>Starts delivering; the workers stop when <paramref name="stopping"/> is cancelled (what is queued is dropped: it is derived or recorded again).</summary>
    public void Start(CancellationToken stopping)
    {
        foreach (var lane in _lanes.Values)
        {
            lane.Stop();
        }

        _lanes.Clear();
        _stopping = stopping;
    }

    public RuleDeliveryState StateOf(string ruleUid) => _states.GetOrAdd(ruleUid, _ => new RuleDeliveryState());

    /// <summary>Queues the event for every target of <paramref name="rule"/>; counted as matched at once.</summary>
    public void Enqueue(CompiledRule rule, EventDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(rule);
        foreach (var target in rule.Targets)
        {
            Enqueue(rule, target, delivery);
        }
    }

    /// <summary>Queues the event for one target of <paramref name="rule"/>.</summary>
    public void Enqueue(CompiledRule rule, CompiledTarget target, EventDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(delivery);
        var state = StateOf(rule.Uid);
        state.Matched(target.Id);
        var lane = _lanes.GetOrAdd((rule.Uid, target.Id), _ => new Lane(this, rule, target));
        lane.Update(rule, target);
        if (!lane.TryAdd(delivery))
        {
            DeadLetter(rule, target, delivery, $"{_options.QueueLimit} events already wait for this target");
        }

        StatusChanged?.Invoke(rule.Key);
    }

    /// <summary>Keeps the lanes in step with a rule's new compilation: lanes of targets it no longer has (or of a deleted rule) stop.</summary>
    public void RuleChanged(CompiledRule? previous, CompiledRule? current)
    {
        var uid = current?.Uid ?? previous?.Uid;
        if (uid is null)
        {
            return;
        }

        var kept = current?.Targets.ToDictionary(t => t.Id, StringComparer.Ordinal) ?? [];
        foreach (var ((ruleUid, targetId), lane) in _lanes)
        {
            if (ruleUid != uid)
            {
                continue;
            }

            if (current is not null && kept.TryGetValue(targetId, out var target))
            {
                lane.Update(current, target);
            }
            else if (_lanes.TryRemove((ruleUid, targetId), out _))
            {
                lane.Stop();
            }
        }

        if (current is null)
        {
            _states.TryRemove(uid, out _);
        }
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (1 after the first failure): base·2^(attempt-1), capped, less up to half of it as jitter.</summary>
    public static TimeSpan RetryDelay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var full = TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent)));
        return full - (full / 2 * Math.Clamp(random, 0, 1));
    }

    private async Task DeliverAsync(Lane lane, EventDelivery delivery, CancellationToken cancellationToken)
    {
        var eventJson = delivery.Event.ToJson();
        string? lastError = null;
        for (var attempt = 1; ; attempt++)
        {
            var (rule, target) = lane.Current;
            var state = StateOf(rule.Uid);
            var now = _time.GetUtcNow();
            if (now - delivery.IngestedAt > target.MaximumEventAge)
            {
                DeadLetter(rule, target, delivery,
                    $"older than maximumEventAgeInSeconds ({(long)target.MaximumEventAge.TotalSeconds}) after {attempt - 1} attempts{Last(lastError)}");
                return;
            }

            if (!state.TryInvoke(now, rule.MaxInvocationsPerMinute))
            {
                DeadLetter(rule, target, delivery, $"the rule's cap of {rule.MaxInvocationsPerMinute} invocations per minute is reached", capped: true);
                return;
            }

            var invoker = _invokers.FirstOrDefault(i => i.Handles(target.Target));
            if (invoker is null)
            {
                DeadLetter(rule, target, delivery, "no invoker delivers to this kind of target in this operator");
                return;
            }

            TargetOutcome outcome;
            try
            {
                outcome = await invoker.InvokeAsync(new TargetInvocation(rule.Rule, target.Target, delivery.Event, eventJson, attempt), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // An invoker's bug must not stop the target's worker: the attempt counts as failed and is retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                EventsLog.InvokerFailed(_logger, e, target.Id, rule.Key);
                outcome = TargetOutcome.Retry($"the invoker failed: {e.GetType().Name}");
            }

            switch (outcome.Kind)
            {
                case TargetOutcomeKind.Delivered:
                    state.Delivered(target.Id);
                    EventsLog.Delivered(_logger, delivery.Event.Id, target.Id, rule.Key, attempt);
                    delivery.Completed?.Invoke(target.Id, true);
                    StatusChanged?.Invoke(rule.Key);
                    return;
                case TargetOutcomeKind.Permanent:
                    DeadLetter(rule, target, delivery, outcome.Reason ?? "refused by the target");
                    return;
            }

            lastError = outcome.Reason ?? "failed";
            state.Error($"target {target.Id}: {lastError}");
            StatusChanged?.Invoke(rule.Key);
            if (attempt > target.MaximumRetryAttempts)
            {
                DeadLetter(rule, target, delivery, $"maximumRetryAttempts ({target.MaximumRetryAttempts}) exhausted{Last(lastError)}");
                return;
            }

            var delay = RetryDelay(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared.NextDouble());
            EventsLog.Retrying(_logger, delivery.Event.Id, target.Id, rule.Key, attempt, delay, lastError);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Last(string? error) => error is null ? string.Empty : "; last error: " + error;

    private void DeadLetter(CompiledRule rule, CompiledTarget target, EventDelivery delivery, string reason, bool capped = false)
    {
        var state = StateOf(rule.Uid);
        var now = _time.GetUtcNow().UtcDateTime;
        state.DeadLetter(new EventDeadLetter
        {
            EventId = delivery.Event.Id,
            TargetId = target.Id,
            Time = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
            Reason = reason,
        });
        EventsLog.DeadLettered(_logger, delivery.Event.Id, target.Id, rule.Key, reason);
        if (_events is not null && state.TryReport(_time.GetUtcNow(), capped))
        {
            _events.Record(rule.Rule, capped ? EcsEvents.InvocationCapReached : EcsEvents.EventDeadLettered,
                $"event {delivery.Event.Id} ({delivery.Event.DetailType}) not delivered to target {target.Id}: {reason}.");
        }
        delivery.Completed?.Invoke(target.Id, false);
        StatusChanged?.Invoke(rule.Key);
    }

    /// <summary>The queue and worker of one (rule, target).</summary>
    private sealed class Lane
    {
        private readonly EventDispatcher _owner;
        private readonly Channel<EventDelivery> _queue = Channel.CreateUnbounded<EventDelivery>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _stop;
        private int _count;
        private volatile Tuple<CompiledRule, CompiledTarget> _current;

        public Lane(EventDispatcher owner, CompiledRule rule, CompiledTarget target)
        {
            _owner = owner;
            _current = Tuple.Create(rule, target);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(owner._stopping);
            _ = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        }

        public int Count => Volatile.Read(ref _count);

        public (CompiledRule Rule, CompiledTarget Target) Current => (_current.Item1, _current.Item2);

        public void Update(CompiledRule rule, CompiledTarget target) => _current = Tuple.Create(rule, target);

        public bool TryAdd(EventDelivery delivery)
        {
            if (Interlocked.Increment(ref _count) > _owner._options.QueueLimit)
            {
                Interlocked.Decrement(ref _count);
                return false;
            }

            return _queue.Writer.TryWrite(delivery);
        }

        public void Stop()
        {
            _queue.Writer.TryComplete();
            _stop.Cancel();
        }

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var delivery in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await _owner.DeliverAsync(this, delivery, cancellationToken).ConfigureAwait(false);
                    Interlocked.Decrement(ref _count);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
