using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
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
    ChildApplier applier,
    KubeEventRecorder events,
    ClusterCapabilitiesDiscovery discovery,
    TimeProvider time) : IReconciler<EcsService>
{
    private static readonly TimeSpan s_rollbackDelay = TimeSpan.FromSeconds(1);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var service = informers.Services.Store.Get(key);
        if (service is null || service.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var ns = service.Metadata.NamespaceProperty;
        var name = service.Spec.ServiceName ?? service.Metadata.Name;

        var (cluster, clusterReason, clusterMessage) = ClusterResolver.Resolve(informers, service.Metadata, service.Spec.Cluster, "service");
        if (cluster is null)
        {
            return await NotReadyAsync(service, clusterReason!, clusterMessage!, degraded: clusterReason == ConditionReasons.ClusterInvalid, now, cancellationToken).ConfigureAwait(false);
        }

        var resolution = RevisionResolver.Resolve(informers, service.Metadata, service.Spec.TaskDefinition, "service",
            reference => service.Status?.Deployments?.Any(d => d.TaskDefinition == reference) == true);
        if (resolution.Registering)
        {
            return ReconcileResult.RequeueAfter(RevisionResolution.RegisteringRecheck);
        }

        if (resolution.Error is { } error)
        {
            return await NotReadyAsync(service, resolution.Reason!, error, resolution.Degraded, now, cancellationToken).ConfigureAwait(false);
        }

        var breaker = service.Spec.DeploymentConfiguration?.DeploymentCircuitBreaker;
        var breakerOn = breaker?.Enable == true;
        var resolved = resolution.Revision!;
        var requested = $"{resolution.Family}:{TaskDefinitionReconciler.Number(resolved)}";
        var effective = RevisionChoice.Choose(requested, service.Status, breakerOn && breaker!.Rollback == true);
        var revision = effective == requested
            ? resolved
            : resolution.All.FirstOrDefault(r => $"{resolution.Family}:{TaskDefinitionReconciler.Number(r)}" == effective) ?? resolved;
        effective = $"{resolution.Family}:{TaskDefinitionReconciler.Number(revision)}";
        var spec = TaskDefinitionReconciler.SpecOf(revision);
        if (spec is null)
        {
            return await NotReadyAsync(service, ConditionReasons.RevisionNotFound,
                $"ControllerRevision {revision.Metadata.Name} holds no task definition.", degraded: true, now, cancellationToken).ConfigureAwait(false);
        }

        var capabilities = CapabilitiesMapping.ToTranslation(await discovery.GetAsync(cancellationToken).ConfigureAwait(false));
        var rendered = Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition(resolution.Family!, TaskDefinitionReconciler.Number(revision), spec),
            Cluster = cluster,
            Capabilities = capabilities,
            Service = service,
        });
        var summary = TaskDefinitionValidator.Summarize(rendered.Report);
        if (rendered.Rejected)
        {
            var (reason, message) = RenderedChildren.Rejection(rendered);
            return await NotReadyAsync(service, reason, message, degraded: true, now, cancellationToken, summary).ConfigureAwait(false);
        }

        if (await AdoptionGuard.FindCollisionAsync(applier, rendered, ns, cancellationToken).ConfigureAwait(false) is { } collision)
        {
            return await NotReadyAsync(service, collision.Reason, collision.Message, degraded: true, now, cancellationToken, summary).ConfigureAwait(false);
        }

        if (await RenderedChildren.ApplyAsync(applier, rendered, service, cluster, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            // Nothing is pruned: what runs keeps running, and the status says why the new spec does not.
            return RenderedChildren.Outcome(failure, await NotReadyAsync(
                service, failure.Reason, failure.Message, degraded: failure.Degrades, now, cancellationToken, summary).ConfigureAwait(false));
        }

        await applier.PruneAsync(service, PrunedKinds(capabilities), rendered.Objects, cancellationToken).ConfigureAwait(false);
        var failedTasks = await StopTasksWithExitedEssentialContainersAsync(service, effective, cancellationToken).ConfigureAwait(false);

        var workloads = Observe(service);
        var daemon = rendered.Objects.Any(o => o is V1DaemonSet);
        var result = ServiceStatusCalculator.Compute(new ServiceObservation
        {
            ServiceName = name,
            ServiceUid = service.Metadata.Uid,
            Generation = service.Metadata.Generation ?? 0,
            DesiredCount = daemon ? workloads.Sum(w => w.Desired) : service.Spec.DesiredCount ?? 0,
            RequestedTaskDefinition = requested,
            EffectiveTaskDefinition = effective,
            Workloads = workloads,
            NewlyFailedTasks = failedTasks,
            CircuitBreakerEnabled = breakerOn,
            Rollback = breaker?.Rollback == true,
            Selector = Selector(rendered.Objects),
            Previous = service.Status,
            Now = now,
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

        var written = await applier.WriteStatusAsync(service, result.Status, cancellationToken).ConfigureAwait(false);
        if (written && unregistered is not null
            && Conditions.Find(service.Status?.Conditions, ConditionTypes.Degraded) is not { Status: "True", Reason: ConditionReasons.TaskDefinitionInvalid })
        {
            events.Record(service, "Warning", ConditionReasons.TaskDefinitionInvalid, unregistered);
        }

        foreach (var message in result.NewEvents)
        {
            var warning = message.Contains("failed", StringComparison.Ordinal) || message.Contains("rolling back", StringComparison.Ordinal);
            events.Record(service, warning ? "Warning" : "Normal", warning ? ConditionReasons.RolloutFailed : "ServiceEvent", message);
        }

        // A rollout this status marks FAILED is rolled back by the next reconcile, which reads the revision to return
        // to from the status: the echo of a status write queues nothing, so ask for it (after the cache has caught up).
        if (RevisionChoice.Choose(requested, result.Status, breakerOn && breaker!.Rollback == true) != effective)
        {
            return ReconcileResult.RequeueAfter(s_rollbackDelay);
        }

        // The task definition's controller decides about its new spec soon; only a new revision would queue this
        // service, so look again to report a refusal.
        if (resolution.Unconfirmed)
        {
            return ReconcileResult.RequeueAfter(RevisionResolution.RegisteringRecheck);
        }

        // Rollouts move on through watches: Deployment status (progress, the deadline) and pods (stopped tasks).
        return ReconcileResult.Done;
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

            if (await applier.DeleteIfExistsAsync(ResourceTypes.Pod, ObjectKey.From(pod), cancellationToken).ConfigureAwait(false))
            {
                events.Record(service, "Warning", "EssentialContainerExited",
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

    private List<WorkloadObservation> Observe(EcsService service)
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
                d.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded") == true))
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

    private static IEnumerable<ResourceType> PrunedKinds(ClusterCapabilities capabilities) =>
    [
        ResourceTypes.Deployment,
        ResourceTypes.DaemonSet,
        ResourceTypes.Service,
        ResourceTypes.ServiceAccount,
        ResourceTypes.PersistentVolumeClaim,
        capabilities.HpaApiVersion == "autoscaling/v2" ? ResourceTypes.HorizontalPodAutoscalerV2 : ResourceTypes.HorizontalPodAutoscalerV2Beta2,
    ];

    private async Task<ReconcileResult> NotReadyAsync(
        EcsService service, string reason, string message, bool degraded, DateTime now, CancellationToken cancellationToken,
        TranslationSummary? summary = null)
    {
        var generation = service.Metadata.Generation;
        var status = StatusWriter.CopyOf(service.Status);
        status.ObservedGeneration = generation;
        status.Status ??= "ACTIVE";
        status.DesiredCount = service.Spec.DesiredCount ?? 0;
        status.RunningCount ??= 0;
        status.PendingCount ??= 0;
        status.Translation = summary ?? status.Translation;
        if (degraded)
        {
            // A refused spec is not being rolled out: no condition may say it is (or that the service is steady).
            status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Progressing, false, reason, message, generation, now);
        }

        // Waits end through watches (the missing object appearing), not polling.
        return await applier.WriteNotReadyAsync(events, service, status, reason, message, degraded, now, cancellationToken).ConfigureAwait(false);
    }
}
