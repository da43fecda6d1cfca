using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Informers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// Feeds the rules' delivery: keeps the <see cref="EventRuleRegistry"/> in step with the EcsEventRules (on every
/// replica, so any replica can accept posted events), and on the leader derives ECS events from what the informers
/// observe (services' pods, EcsTasks' and scheduled runs' Jobs and their pods, services' status), delivers what is
/// newer than each rule's <see cref="DeliveryRecord"/>, and delivers the posted events the pending ConfigMaps hold.
/// </summary>
/// <remarks>
/// After a restart every observed task is derived again: only its newest state is delivered, and only when newer than
/// the record (and reached after the rule was created); a task recorded but gone is reported STOPPED from what the
/// record kept. One loop handles the observations in order, so the states of a task are queued in order.
/// </remarks>
public sealed class EcsEventSource : IManagedController
{
    private readonly EcsInformers _informers;
    private readonly Informer<V1ConfigMap> _configMaps;
    private readonly EventRuleRegistry _registry;
    private readonly EventDispatcher _dispatcher;
    private readonly DeliveryRecordStore _records;
    private readonly EcsEventBuilder _builder;
    private readonly ServiceEventTracker _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventDeliveryOptions _options;
    private readonly ConcurrentDictionary<(string Rule, string Target, string Task), long> _queued = new();
    private readonly ConcurrentDictionary<(string Rule, string Target, string Kind), string> _queuedServiceEvents = new();
    private readonly ConcurrentDictionary<string, byte> _pendingInFlight = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IDisposable? _rulesSubscription;
    private Channel<Observation>? _observations;

    public EcsEventSource(
        EcsInformers informers,
        Informer<V1ConfigMap> configMaps,
        EventRuleRegistry registry,
        EventDispatcher dispatcher,
        DeliveryRecordStore records,
        IKubernetes kubernetes,
        TimeProvider time,
        ILogger? logger = null)
    {
        _informers = informers ?? throw new ArgumentNullException(nameof(informers));
        _configMaps = configMaps ?? throw new ArgumentNullException(nameof(configMaps));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        Kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        _options = dispatcher.Options;
        _builder = new EcsEventBuilder(_options.Settings);
        _services = new ServiceEventTracker();
        _registry.Changed += (_, previous, current) => _dispatcher.RuleChanged(previous, current);
    }

    private enum ObservationKind
    {
        Resync,
        Pod,
        Job,
        Service,
        Pending,
    }

    public string Name => "ecsevents";

    public IKubernetes Kubernetes { get; }

    public bool HasSynced => Informers.All(i => i.HasSynced);

    private IEnumerable<IInformer> Informers =>
        [_informers.EventRules, _informers.Pods, _informers.Jobs, _informers.Services, _configMaps];

    public async Task StartInformersAsync(CancellationToken cancellationToken)
    {
        foreach (var informer in Informers)
        {
            await informer.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _rulesSubscription ??= _informers.EventRules.Subscribe(e =>
            {
                if (e.Type == ResourceEventType.Deleted)
                {
                    _registry.Remove(ObjectKey.From(e.Object));
                    _records.Forget(e.Object.Metadata.Uid);
                    return;
                }

                var (rule, _) = EventRuleCompiler.Compile(e.Object, _options);
                if (rule is null)
                {
                    _registry.Remove(ObjectKey.From(e.Object));
                }
                else
                {
                    _registry.Set(rule);
                }
            });
        }

        // The informer hands its list to the subscription above before it reports synced.
        _registry.CompleteWhen(() => _informers.EventRules.HasSynced);
    }

    public async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Informers.Select(i => i.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
        var observations = Channel.CreateUnbounded<Observation>(new UnboundedChannelOptions { SingleReader = true });
        _observations = observations;
        _queued.Clear();
        _queuedServiceEvents.Clear();
        _pendingInFlight.Clear();
        _records.Clear();
        _dispatcher.Start(cancellationToken);
        observations.Writer.TryWrite(new Observation(ObservationKind.Resync, default, null));
        List<IDisposable> subscriptions =
        [
            _informers.Pods.Subscribe(e => observations.Writer.TryWrite(new Observation(ObservationKind.Pod, ObjectKey.From(e.Object), e.Type == ResourceEventType.Deleted ? e.Object : null))),
            _informers.Jobs.Subscribe(e => observations.Writer.TryWrite(new Observation(ObservationKind.Job, ObjectKey.From(e.Object), e.Type == ResourceEventType.Deleted ? e.Object : null))),
            _informers.Services.Subscribe(e => observations.Writer.TryWrite(new Observation(ObservationKind.Service, ObjectKey.From(e.Object), e.Type == ResourceEventType.Deleted ? e.Object : null))),
            _configMaps.Subscribe(e =>
            {
                if (e.Object.Metadata.Label(WellKnownLabels.EventRecord) == WellKnownLabels.EventRecordPending)
                {
                    observations.Writer.TryWrite(new Observation(ObservationKind.Pending, ObjectKey.From(e.Object), e.Type == ResourceEventType.Deleted ? e.Object : null));
                }
            }),
        ];
        var flushing = Task.Run(() => _records.RunAsync(cancellationToken), CancellationToken.None);
        try
        {
            await foreach (var observation in observations.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Handle(observation);
                }
#pragma warning disable CA1031 // One bad object must not stop every rule's events: logged, the loop goes on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    EventsLog.SourceFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }

            await flushing.ConfigureAwait(false);
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _records.FlushAsync(last.Token).ConfigureAwait(false);
        }
    }

    private void Handle(Observation observation)
    {
        switch (observation.Kind)
        {
            case ObservationKind.Resync:
                Resync();
                break;
            case ObservationKind.Pod:
                HandlePod(observation.Key, observation.Deleted as V1Pod);
                break;
            case ObservationKind.Job:
                HandleJob(observation.Key, observation.Deleted as V1Job);
                break;
            case ObservationKind.Service:
                HandleService(observation.Key, observation.Deleted as EcsService);
                break;
            case ObservationKind.Pending:
                HandlePending(observation.Key, observation.Deleted is not null);
                break;
        }
    }

    /// <summary>Everything observed, derived again; and the STOPPED state of every recorded task that is gone.</summary>
    private void Resync()
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in _informers.Pods.Store.List())
        {
            live.Add(EcsArns.TaskId(pod.Metadata.Uid));
            HandlePod(ObjectKey.From(pod), null);
        }

        foreach (var job in _informers.Jobs.Store.List())
        {
            live.Add(EcsArns.TaskId(job.Metadata.Uid));
            HandleJob(ObjectKey.From(job), null);
        }

        foreach (var service in _informers.Services.Store.List())
        {
            HandleService(ObjectKey.From(service), null);
        }

        var now = _time.GetUtcNow();
        foreach (var rule in _registry.All())
        {
            var record = _records.For(rule);
            foreach (var (taskId, entry) in record.Tasks())
            {
                if (live.Contains(taskId))
                {
                    continue;
                }

                if (entry.Last is null || entry.StoppedEverywhere(rule.Targets.Select(t => t.Id)))
                {
                    record.Forget(taskId);
                    continue;
                }

                Observe(rule.Key.Namespace, TaskStateMapper.Vanished(entry.Last, now), vanished: true, only: rule);
            }

            foreach (var pending in _configMaps.Store.ByNamespace(rule.Key.Namespace))
            {
                if (pending.Metadata.Label(WellKnownLabels.EventRecord) == WellKnownLabels.EventRecordPending)
                {
                    HandlePending(ObjectKey.From(pending), deleted: false);
                }
            }
        }
    }

    private void HandlePod(ObjectKey key, V1Pod? deleted)
    {
        var pod = deleted ?? _informers.Pods.Store.Get(key);
        if (pod is null)
        {
            return;
        }

        if (pod.Metadata.Label(WellKnownLabels.Service) is not null)
        {
            if (TaskStateMapper.FromServicePod(pod, deleted is not null, _time.GetUtcNow()) is { } change)
            {
                Observe(key.Namespace, change, deleted is not null);
            }

            if (deleted is null && ServiceEventTracker.Unschedulable(pod) is not null)
            {
                HandleService(new ObjectKey(key.Namespace, pod.Metadata.Label(WellKnownLabels.Service)!), null);
            }

            return;
        }

        if (pod.Metadata.Label(WellKnownLabels.JobName) is { } jobName)
        {
            HandleJob(new ObjectKey(key.Namespace, jobName), null);
        }
    }

    private void HandleJob(ObjectKey key, V1Job? deleted)
    {
        var job = deleted ?? _informers.Jobs.Store.Get(key);
        if (job is null || (job.Metadata.Label(WellKnownLabels.Task) is null && job.Metadata.Label(WellKnownLabels.ScheduledTask) is null))
        {
            return;
        }

        var pod = _informers.Pods.Store.ByIndex(EcsInformers.JobIndex, EcsInformers.Scoped(job.Metadata, job.Metadata.Name))
            .OrderByDescending(p => p.Metadata.CreationTimestamp)
            .FirstOrDefault();
        if (TaskStateMapper.FromJob(job, pod, deleted is not null, _time.GetUtcNow()) is { } change)
        {
            Observe(key.Namespace, change, deleted is not null);
        }
    }

    private void HandleService(ObjectKey key, EcsService? deleted)
    {
        var service = deleted is null ? _informers.Services.Store.Get(key) : null;
        if (service is null)
        {
            foreach (var rule in _registry.InNamespace(key.Namespace))
            {
                _records.For(rule).RetainServices(_informers.Services.Store.ByNamespace(key.Namespace).Select(s => s.Metadata.Uid).ToHashSet(StringComparer.Ordinal));
            }

            return;
        }

        if (!_registry.HasRules(key.Namespace))
        {
            return;
        }

        var pods = _informers.Pods.Store.ByIndex(EcsInformers.ServiceIndex, EcsInformers.Scoped(service.Metadata, service.Metadata.Name));
        foreach (var (kind, @event) in _services.EventsOf(service, pods, _builder, _time.GetUtcNow()))
        {
            var json = JsonSerializer.SerializeToElement(@event.ToJson());
            foreach (var rule in _registry.Match(key.Namespace, json))
            {
                if (@event.Time < rule.CreatedAt)
                {
                    continue;
                }

                var record = _records.For(rule);
                foreach (var target in rule.Targets)
                {
                    var queuedKey = (rule.Uid, target.Id, service.Metadata.Uid + "." + kind);
                    if (record.ServiceDelivered(service.Metadata.Uid, kind, target.Id) == @event.Id
                        || (_queuedServiceEvents.TryGetValue(queuedKey, out var queued) && queued == @event.Id))
                    {
                        continue;
                    }

                    _queuedServiceEvents[queuedKey] = @event.Id;
                    var serviceUid = service.Metadata.Uid;
                    _dispatcher.Enqueue(rule, target, new EventDelivery(@event, @event.Time, (targetId, delivered) =>
                    {
                        record.MarkServiceDelivered(serviceUid, kind, targetId, @event.Id);
                        _queuedServiceEvents.TryRemove(new KeyValuePair<(string, string, string), string>(queuedKey, @event.Id));
                    }));
                }
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="change"/> for every target of every enabled rule of the namespace that it matches and
    /// that has not had it (nor a newer state of the task). <paramref name="only"/> limits it to one rule.
    /// </summary>
    private void Observe(string @namespace, TaskStateChange change, bool vanished, CompiledRule? only = null)
    {
        if (only is null && !_registry.HasRules(@namespace))
        {
            return;
        }

        var @event = _builder.BuildTaskStateChange(change);
        var json = JsonSerializer.SerializeToElement(@event.ToJson());
        var matched = _registry.Match(@namespace, json);
        JsonElement? vanishedJson = null;
        foreach (var rule in only is null ? _registry.InNamespace(@namespace) : [only])
        {
            if (!rule.Enabled)
            {
                continue;
            }

            var record = _records.For(rule);
            if (!matched.Any(r => r.Uid == rule.Uid))
            {
                // Kept anyway when its STOPPED state would match: if the task vanishes while the operator is down,
                // that state is reported from what the record kept.
                if (!vanished && change.LastStatus != TaskState.Stopped && change.UpdatedAt >= rule.CreatedAt)
                {
                    vanishedJson ??= JsonSerializer.SerializeToElement(_builder.BuildTaskStateChange(TaskStateMapper.Vanished(change, change.UpdatedAt)).ToJson());
                    if (rule.Pattern.Matches(vanishedJson.Value))
                    {
                        record.Observe(change);
                    }
                }

                ForgetIfDone(rule, record, change, vanished);
                continue;
            }

            if (change.UpdatedAt < rule.CreatedAt)
            {
                continue;
            }

            record.Observe(change);
            var entry = record.Task(change.TaskUid);
            foreach (var target in rule.Targets)
            {
                var queuedKey = (rule.Uid, target.Id, change.TaskUid);
                if ((entry?.DeliveredTo(target.Id) ?? 0) >= change.Version
                    || (_queued.TryGetValue(queuedKey, out var queued) && queued >= change.Version))
                {
                    continue;
                }

                _queued[queuedKey] = change.Version;
                var targets = rule.Targets.Select(t => t.Id).ToList();
                _dispatcher.Enqueue(rule, target, new EventDelivery(@event, change.UpdatedAt, (targetId, delivered) =>
                {
                    record.MarkDelivered(change, targetId);
                    if (_queued.TryGetValue(queuedKey, out var latest) && latest <= change.Version)
                    {
                        _queued.TryRemove(queuedKey, out _);
                    }

                    if (vanished && record.Task(change.TaskUid)?.StoppedEverywhere(targets) == true)
                    {
                        record.Forget(EcsArns.TaskId(change.TaskUid));
                    }
                }));
            }

            ForgetIfDone(rule, record, change, vanished);
        }
    }

    private static void ForgetIfDone(CompiledRule rule, DeliveryRecord record, TaskStateChange change, bool vanished)
    {
        if (vanished && record.Task(change.TaskUid) is { } entry && entry.StoppedEverywhere(rule.Targets.Select(t => t.Id)))
        {
            record.Forget(EcsArns.TaskId(change.TaskUid));
        }
    }

    /// <summary>A posted event's ConfigMap: queued once for the targets it still lists; deleted when they are all done.</summary>
    private void HandlePending(ObjectKey key, bool deleted)
    {
        if (deleted)
        {
            _pendingInFlight.TryRemove(key.ToString(), out _);
            return;
        }

        var configMap = _configMaps.Store.Get(key);
        if (configMap is null || _pendingInFlight.ContainsKey(key.ToString()))
        {
            return;
        }

        var owner = configMap.Metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == EcsEventRule.KindName);
        var rule = owner is null ? null : _registry.Get(new ObjectKey(key.Namespace, owner.Name));
        if (rule is null || rule.Uid != owner!.Uid || PendingEvent.Decode(configMap.Data) is not { } pending)
        {
            // The rule is invalid for now (kept until it is valid again) or gone (the API server collects the ConfigMap).
            return;
        }

        _pendingInFlight[key.ToString()] = 0;
        var remaining = new HashSet<string>(pending.Targets, StringComparer.Ordinal);
        var gate = new Lock();
        foreach (var target in rule.Targets.Where(t => remaining.Contains(t.Id)))
        {
            _dispatcher.Enqueue(rule, target, new EventDelivery(pending.Event, pending.IngestedAt, (targetId, delivered) =>
            {
                bool done;
                lock (gate)
                {
                    remaining.Remove(targetId);
                    done = remaining.Count == 0;
                }

                if (done)
                {
                    _ = DeletePendingAsync(key, configMap.Metadata.Uid);
                }
            }));
        }

        if (!rule.Targets.Any(t => remaining.Contains(t.Id)))
        {
            _ = DeletePendingAsync(key, configMap.Metadata.Uid);
        }
    }

    private async Task DeletePendingAsync(ObjectKey key, string? uid)
    {
        try
        {
            // With the UID as a precondition: a stale view (a deposed leader) never deletes another event's record.
            var options = new V1DeleteOptions { Preconditions = uid is null ? null : new V1Preconditions { Uid = uid } };
            await Kubernetes.CoreV1.DeleteNamespacedConfigMapAsync(key.Name, key.Namespace, options).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already replaced by a record of the same name: not this event's to delete.
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or TaskCanceledException)
        {
            EventsLog.PendingDeleteFailed(_logger, e, key.Namespace, key.Name);
        }
    }

    private sealed record Observation(ObservationKind Kind, ObjectKey Key, IKubernetesObject<V1ObjectMeta>? Deleted);
}
