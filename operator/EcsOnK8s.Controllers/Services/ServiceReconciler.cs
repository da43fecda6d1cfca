using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Workloads;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Services;

/// <summary>
/// Runs an EcsService: resolves its cluster and task definition revision (waiting, not failing, while either is
/// missing), renders, applies and prunes its children, stops tasks whose essential container exited, and reports
/// ECS-shaped status. Gather first, decide with pure functions, write last.
/// </summary>
public sealed class ServiceReconciler(
    EcsInformers informers,
    IChildWriter writer,
    IEventRecorder events,
    ICapabilitiesSource capabilitiesSource,
    TimeProvider time,
    ServiceMetrics? metrics = null,
    EcsEventSettings? aws = null,
    TaskDefinitionWaiters? waiters = null) : IReconciler<EcsService>
{
    private static readonly TimeSpan s_rollbackDelay = TimeSpan.FromSeconds(1);

    // Enough for the cache to see the status write that made it stale.
    private static readonly TimeSpan s_staleCacheDelay = TimeSpan.FromSeconds(1);

    // The longest wait for a scheduled scaling action: a far one is looked at again (nothing is written) rather than
    // trusted to one long timer across clock adjustments.
    private static readonly TimeSpan s_longestScheduledWait = TimeSpan.FromHours(1);

    private readonly WorkloadFrame _frame = new(informers, writer, capabilitiesSource);
    private readonly EcsEventSettings _settings = aws ?? EcsEventSettings.Default;
    private readonly KedaObjectsLeft _kedaObjects = new();

    /// <summary>Services waiting for their task definition's controller; its status write queues them.</summary>
    public TaskDefinitionWaiters Waiters { get; } = waiters ?? new TaskDefinitionWaiters(informers);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Waiters.Forget(key);
        if (WorkloadFrame.Live(informers.Services.Store, key) is not { } service)
        {
            metrics?.Forget(key);
            _kedaObjects.Forget(key);
            return ReconcileResult.Done;
        }

        metrics?.Remember(key, service.Status);

        var now = TimeTruncation.Now(time);
        // Scheduled actions are timed to the instant (a wake-up at a fire time must see it as passed).
        var instant = time.GetUtcNow();
        var scaling = ServiceRenderer.ScalingBounds(service, instant);
        await SeedDesiredCountAsync(service, scaling, cancellationToken).ConfigureAwait(false);

        var name = service.Spec.ServiceName ?? service.Metadata.Name;
        var breaker = service.Spec.DeploymentConfiguration?.DeploymentCircuitBreaker;
        var breakerOn = breaker?.Enable == true;
        var rollback = breakerOn && breaker?.Rollback == true;
        var preparation = await _frame.PrepareAsync(new WorkloadRequest
        {
            Workload = service,
            // The queues and metrics a service scales on are the operator's region and account, as its ARNs are.
            Render = render => render with { Service = service, Now = instant, ScalingBounds = scaling, AwsRegion = _settings.Region, AwsAccount = _settings.Account },
            Noun = "service",
            Cluster = service.Spec.Cluster,
            TaskDefinition = service.Spec.TaskDefinition,
            AlreadyRunning = reference => service.Status?.Deployments?.Any(d => d.TaskDefinition == reference) == true,
            ChooseRevision = (resolution, family, resolved) =>
            {
                var requested = $"{family}:{TaskDefinitionRevisions.Number(resolved)}";
                var effective = RevisionChoice.Choose(requested, service.Status, rollback);
                return effective == requested
                    ? resolved
                    : resolution.All.FirstOrDefault(r => $"{family}:{TaskDefinitionRevisions.Number(r)}" == effective) ?? resolved;
            },
        }, cancellationToken).ConfigureAwait(false);
        switch (preparation)
        {
            case WorkloadNotReady notReady:
                return notReady.After(await ReportNotReadyAsync(service, notReady, now, cancellationToken).ConfigureAwait(false));
            case WorkloadRegistering registering:
                return WaitForTaskDefinition(service, registering.Family, key);
        }

        var prepared = (WorkloadPrepared)preparation;

        var (resolution, rendered, summary, capabilities) = (prepared.Resolution, prepared.Rendered, prepared.Summary, prepared.Capabilities);
        var requested = prepared.Requested;
        var effective = prepared.TaskDefinition;
        await PruneAsync(service, capabilities, rendered.Objects, cancellationToken).ConfigureAwait(false);
        var failedTasks = await StopTasksWithExitedEssentialContainersAsync(service, effective, cancellationToken).ConfigureAwait(false);

        var workloads = ObserveWorkloads(service);
        var daemon = rendered.Objects.Any(o => o is V1DaemonSet);
        var result = ServiceStatusCalculator.Compute(new ServiceObservation
        {
            ServiceName = name,
            ServiceUid = service.Metadata.Uid,
            Generation = service.Metadata.Generation ?? 0,
            DesiredCount = daemon ? workloads.Sum(w => w.Desired) : ServiceRenderer.DesiredCount(service.Spec, scaling),
            RequestedTaskDefinition = requested,
            EffectiveTaskDefinition = effective,
            Workloads = workloads,
            NewlyFailedTasks = failedTasks,
            CircuitBreakerEnabled = breakerOn,
            Rollback = breaker?.Rollback == true,
            Selector = Selector(rendered.Objects),
            Previous = service.Status,
            Now = now,
            Scaling = scaling,
        });
        result.Status.Translation = summary;

        // A refused spec of the family leaves the service on the latest registered revision; it says so, unless a
        // rollout problem already holds the Degraded condition.
        var unregistered = Conditions.IsTrue(result.Status.Conditions, ConditionTypes.Degraded) ? null : resolution.Unregistered;
        if (unregistered is not null)
        {
            result.Status.Conditions = Conditions.Set(result.Status.Conditions, ConditionTypes.Degraded, true, ConditionReasons.TaskDefinitionInvalid,
                unregistered, service.Metadata.Generation, now);
        }

        if (result.NewEvents.Any(e => e.Kind == EcsEvents.ScheduledActionSucceeded || e.Kind == EcsEvents.ScheduledActionFailed)
            && !await CacheIsCurrentAsync(service, cancellationToken).ConfigureAwait(false))
        {
            return ReconcileResult.RequeueAfter(s_staleCacheDelay);
        }

        var written = await writer.WriteStatusAsync(service, result.Status, cancellationToken).ConfigureAwait(false);
        metrics?.Observe(key, result.Status);
        if (written && unregistered is not null
            && Conditions.Find(service.Status?.Conditions, ConditionTypes.Degraded) is not { Status: "True", Reason: ConditionReasons.TaskDefinitionInvalid })
        {
            events.Record(service, EcsEvents.TaskDefinitionInvalid, unregistered);
        }

        foreach (var notice in result.NewEvents)
        {
            events.Record(service, notice.Kind, notice.Message);
        }

        // A rollout this status marks FAILED is rolled back by the next reconcile, which reads the revision to return
        // to from the status: the echo of a status write queues nothing, so ask for it (after the cache has caught up).
        if (RevisionChoice.Choose(requested, result.Status, rollback) != effective)
        {
            return UntilNextScheduledAction(ReconcileResult.RequeueAfter(s_rollbackDelay), scaling);
        }

        // The task definition's controller decides about its new spec soon: a new revision, or a refusal to report.
        if (resolution.Unconfirmed && resolution.Family is { } family)
        {
            return UntilNextScheduledAction(WaitForTaskDefinition(service, family, key), scaling);
        }

        // Rollouts move on through watches: Deployment status (progress, the deadline) and pods (stopped tasks).
        // Nothing watches the clock: the next scheduled scaling action is a timed requeue.
        return UntilNextScheduledAction(ReconcileResult.Done, scaling);
    }

    /// <summary>Until the task definition's decision queues the service (a safety net after that), or at once if it came meanwhile.</summary>
    private ReconcileResult WaitForTaskDefinition(EcsService service, string family, ObjectKey key) =>
        ReconcileResult.RequeueAfter(Waiters.RecheckAfter(service.Metadata, family, key));

    /// <summary>
    /// Whether the cached service is the live one. Which scheduled actions were announced is read from the status; a
    /// reconcile that follows its own status write (queued by the children it just changed) may see the status from
    /// before it, and would announce the same action again. A merge patch that changes nothing but names the cached
    /// resourceVersion writes nothing and is refused (409) when that version is not the live one.
    /// </summary>
    private async Task<bool> CacheIsCurrentAsync(EcsService service, CancellationToken cancellationToken)
    {
        var precondition = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = service.Metadata.ResourceVersion } };
        try
        {
            await writer.PatchStatusAsync(ResourceType.For<EcsService>(), ObjectKey.From(service), precondition.ToJsonString(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            return false;
        }
    }

    /// <summary>
    /// Gives an auto scaled service that omits desiredCount one: its scalable target's minimum (within the scheduled
    /// bounds). The scale subresource reads spec.desiredCount, and the API server answers 500 while it is absent, so
    /// the HorizontalPodAutoscaler could never scale the service. Written once, by a merge patch conditional on the
    /// cached resourceVersion; from then on the HPA owns the field. A GitOps manifest that leaves desiredCount out
    /// never claims it, so re-syncing it does not undo the HPA (docs/argocd.md).
    /// </summary>
    private async Task SeedDesiredCountAsync(EcsService service, ScheduledScalingResult? scaling, CancellationToken cancellationToken)
    {
        if (service.Spec.DesiredCount is not null || service.Spec.AutoScaling is null || service.Spec.SchedulingStrategy == "DAEMON")
        {
            return;
        }

        var seed = ServiceRenderer.DesiredCount(service.Spec, scaling);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = service.Metadata.ResourceVersion },
            ["spec"] = new JsonObject { ["desiredCount"] = seed },
        };
        try
        {
            await writer.PatchAsync(ResourceType.For<EcsService>(), ObjectKey.From(service), patch.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            // The service changed meanwhile: its event queues it again, and the next reconcile decides afresh.
        }
        catch (KubernetesApiException e) when (e.IsForbidden)
        {
            // RBAC without patch on ecsservices (the chart grants it): the service is still rendered at its minimum
            // capacity and its status written; only the HPA cannot scale it until desiredCount is set.
            events.Record(service, EcsEvents.DesiredCountNotSeeded,
                $"desiredCount could not be set to {seed} for the HPA to scale the service: {e.Message}");
        }
    }

    /// <summary><paramref name="result"/>, or a requeue at the next scheduled action's time when that comes first.</summary>
    private ReconcileResult UntilNextScheduledAction(ReconcileResult result, ScheduledScalingResult? scaling)
    {
        if (scaling?.Next is not { } next)
        {
            return result;
        }

        var wait = next.Time - time.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > s_longestScheduledWait ? s_longestScheduledWait : wait;
        return result.Outcome == ReconcileOutcome.RequeueAfter && result.Delay <= wait ? result : ReconcileResult.RequeueAfter(wait);
    }

    private async Task<int> StopTasksWithExitedEssentialContainersAsync(EcsService service, string effective, CancellationToken cancellationToken)
    {
        var stopped = 0;
        foreach (var pod in informers.Pods.Store.ByIndex(EcsInformers.ServiceIndex, EcsInformers.Scoped(service.Metadata, service.Metadata.Name)))
        {
            if (pod.Metadata.DeletionTimestamp is not null || EssentialContainerThatExited(pod) is not { } container)
            {
                continue;
            }

            if (await writer.DeleteIfExistsAsync(ResourceTypes.Pod, pod, cancellationToken).ConfigureAwait(false))
            {
                events.Record(service, EcsEvents.EssentialContainerExited,
                    $"service {service.Metadata.Name} has stopped 1 running tasks: (task {pod.Metadata.Name}) essential container '{container}' exited.");
                if (pod.Metadata.Annotation(WellKnownAnnotations.TaskDefinition) == effective)
                {
                    stopped++;
                }
            }
        }

        return stopped;
    }

    /// <summary>The name of an essential container that stopped (exited or restarted), or null.</summary>
    public static string? EssentialContainerThatExited(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var essential = pod.Metadata.Annotation(PodAnnotations.EssentialContainers)?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (essential is not { Length: > 0 })
        {
            return null;
        }

        return pod.Status?.ContainerStatuses?
            .Where(s => essential.Contains(s.Name, StringComparer.Ordinal))
            .FirstOrDefault(s => s.RestartCount > 0 || s.State?.Terminated is not null)?.Name;
    }

    private List<WorkloadObservation> ObserveWorkloads(EcsService service)
    {
        var uid = service.Metadata.Uid;
        var observations = informers.Deployments.Store.ByControllerOwner(uid)
            .OrderBy(d => d.Metadata.Name, StringComparer.Ordinal)
            .Select(d => new WorkloadObservation(
                d.Metadata.Name,
                d.Spec.Template.Metadata.Annotation(WellKnownAnnotations.TaskDefinition),
                d.Spec.Replicas ?? 1,
                d.Status?.Replicas ?? 0,
                d.Status?.UpdatedReplicas ?? 0,
                d.Status?.ReadyReplicas ?? 0,
                d.Status?.AvailableReplicas ?? 0,
                (d.Status?.ObservedGeneration ?? 0) >= (d.Metadata.Generation ?? 0),
                d.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded") == true,
                d.Status?.Conditions?.FirstOrDefault(c => c.Type == "ReplicaFailure" && c.Status == "True")?.Message))
            .ToList();
        observations.AddRange(informers.DaemonSets.Store.ByControllerOwner(uid)
            .OrderBy(d => d.Metadata.Name, StringComparer.Ordinal)
            .Select(d => new WorkloadObservation(
                d.Metadata.Name,
                d.Spec.Template.Metadata.Annotation(WellKnownAnnotations.TaskDefinition),
                d.Status?.DesiredNumberScheduled ?? 0,
                d.Status?.CurrentNumberScheduled ?? 0,
                d.Status?.UpdatedNumberScheduled ?? 0,
                d.Status?.NumberReady ?? 0,
                d.Status?.NumberAvailable ?? 0,
                (d.Status?.ObservedGeneration ?? 0) >= (d.Metadata.Generation ?? 0),
                ProgressDeadlineExceeded: false)));
        return observations;
    }

    /// <summary>The labels every task of the service carries (the workloads' selectors in common), as a selector string.</summary>
    private static string Selector(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var selectors = objects
            .Select(o => o switch
            {
                V1Deployment d => d.Spec.Selector?.MatchLabels,
                V1DaemonSet d => d.Spec.Selector?.MatchLabels,
                _ => null,
            })
            .OfType<IDictionary<string, string>>()
            .ToList();
        if (selectors.Count == 0)
        {
            return string.Empty;
        }

        var common = selectors.Skip(1).Aggregate(
            selectors[0].AsEnumerable(),
            (acc, next) => acc.Where(p => next.TryGetValue(p.Key, out var v) && v == p.Value));
        return string.Join(',', common.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>
    /// Prunes the children the render no longer has. KEDA's kinds have no informer, so pruning them is a LIST each:
    /// only for a service that can own a ScaledObject (it scales, or its status says it did until this spec: the
    /// reconcile that follows the removal of autoScaling still sees the old status) and may hold one its render
    /// dropped (<see cref="KedaObjectsLeft"/>).
    /// </summary>
    private async Task PruneAsync(EcsService service, ClusterCapabilities capabilities, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> rendered, CancellationToken cancellationToken)
    {
        var (key, uid) = (ObjectKey.From(service), service.Metadata.Uid);
        var scales = service.Spec.AutoScaling is not null || service.Status?.AutoScaling is not null;
        var keda = scales && _kedaObjects.NeedPrune(key, uid, rendered);
        await writer.PruneAsync(service, PrunedKinds(capabilities, keda), rendered, cancellationToken).ConfigureAwait(false);
        if (scales)
        {
            _kedaObjects.Remember(key, uid, rendered);
        }
        else
        {
            _kedaObjects.Forget(key);
        }
    }

    /// <summary>
    /// The kinds a service may render, in the versions rendered: the integrations' kinds only where their CRDs are
    /// served (a kind the server does not serve has no objects to prune, and listing it would fail), KEDA's only when
    /// <paramref name="keda"/> says the service may own them. The HPA always: the one rendered before KEDA took over
    /// goes.
    /// </summary>
    public static IEnumerable<ResourceType> PrunedKinds(ClusterCapabilities capabilities, bool keda = false)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        List<ResourceType> kinds =
        [
            ResourceTypes.Deployment,
            ResourceTypes.DaemonSet,
            ResourceTypes.Service,
            ResourceTypes.ServiceAccount,
            ResourceTypes.PersistentVolumeClaim,
            capabilities.HpaApiVersion == "autoscaling/v2" ? ResourceTypes.HorizontalPodAutoscalerV2 : ResourceTypes.HorizontalPodAutoscalerV2Beta2,
            capabilities.PdbApiVersion == "policy/v1" ? ResourceTypes.PodDisruptionBudget : ResourceTypes.PodDisruptionBudgetV1Beta1,
            ResourceTypes.Ingress,
        ];
        if (capabilities.TargetGroupBindingApiVersion is not null)
        {
            kinds.Add(ResourceTypes.TargetGroupBinding with { Version = VersionOf(capabilities.TargetGroupBindingApiVersion) });
        }

        if (capabilities.HttpRouteApiVersion is not null)
        {
            kinds.Add(ResourceTypes.HttpRouteV1 with { Version = VersionOf(capabilities.HttpRouteApiVersion) });
        }

        if (keda && capabilities.KedaApiVersion == ResourceTypes.ScaledObject.ApiVersion)
        {
            kinds.Add(ResourceTypes.ScaledObject);
            kinds.Add(ResourceTypes.TriggerAuthentication);
        }

        return kinds;
    }

    private static string VersionOf(string apiVersion) => apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private async Task<ReconcileResult> ReportNotReadyAsync(EcsService service, WorkloadNotReady notReady, DateTime now, CancellationToken cancellationToken)
    {
        var (reason, message, degraded) = (notReady.Reason, notReady.Message, notReady.Degraded);
        var generation = service.Metadata.Generation;
        var status = StatusWriter.CopyOf(service.Status);
        status.ObservedGeneration = generation;
        status.Status ??= "ACTIVE";
        status.DesiredCount = service.Spec.DesiredCount ?? 0;
        status.RunningCount ??= 0;
        status.PendingCount ??= 0;
        status.Translation = notReady.Summary ?? status.Translation;
        if (degraded)
        {
            // A refused spec is not being rolled out: no condition may say it is (or that the service is steady).
            status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Progressing, false, reason, message, generation, now);
        }

        metrics?.Observe(ObjectKey.From(service), status);

        // Waits end through watches (the missing object appearing), not polling.
        return await writer.WriteNotReadyAsync(events, service, status, reason, message, degraded, now, cancellationToken).ConfigureAwait(false);
    }
}
