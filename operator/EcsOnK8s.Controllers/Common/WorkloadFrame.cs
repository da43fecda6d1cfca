using EcsOnK8s.Api;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Translation;
using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// The steps services, tasks and schedules take alike before their own: resolve the cluster and the task definition
/// revision, render with the cluster's capabilities, refuse a rejected render or a child name EcsOnK8s does not own,
/// and apply the children. What follows (pruning, status, events) is each reconciler's own.
/// </summary>
public sealed class WorkloadFrame(EcsInformers informers, IChildWriter writer, ICapabilitiesSource capabilities)
{
    /// <summary>The cached object to reconcile; null when it is gone or being deleted (its children go with it).</summary>
    public static T? Live<T>(Store<T> store, ObjectKey key)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Get(key) is { Metadata.DeletionTimestamp: null } live ? live : null;
    }

    /// <summary>
    /// Resolves, renders and applies <paramref name="request"/>'s workload. Children that were not written are
    /// reported through <see cref="WorkloadNotReady.ApplyFailure"/> (the others are still applied); failures to reach
    /// the server throw, for a retry.
    /// </summary>
    public async Task<WorkloadPreparation> PrepareAsync(WorkloadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workload = request.Workload;
        if (!ClusterResolver.TryResolve(informers, workload.Metadata, request.Cluster, request.Noun, out var cluster, out var clusterProblem))
        {
            return clusterProblem;
        }

        var resolution = RevisionResolver.Resolve(informers, workload.Metadata, request.TaskDefinition, request.TaskDefinitionField, request.Noun, request.AlreadyRunning);
        if (resolution.Registering)
        {
            // Registering comes only from a reference that parsed.
            return new WorkloadRegistering(TaskDefinitionReference.Parse(request.TaskDefinition, out _)?.Family ?? string.Empty);
        }

        if (resolution is not { Family: { } family, Revision: { } resolved })
        {
            return new WorkloadNotReady(resolution.Reason ?? ConditionReasons.InvalidSpec, resolution.Error ?? string.Empty, resolution.Degraded);
        }

        var revision = request.ChooseRevision?.Invoke(resolution, family, resolved) ?? resolved;
        if (TaskDefinitionRevisions.SpecOf(revision) is not { } spec)
        {
            return new WorkloadNotReady(ConditionReasons.RevisionNotFound, $"ControllerRevision {revision.Metadata.Name} holds no task definition.", Degraded: true);
        }

        var (floor, floorSource) = PolicyBoundResolver.PodSecurityFloorFor(informers, workload.Metadata.NamespaceProperty);
        var clusterCapabilities = CapabilitiesMapping.ToTranslation(await capabilities.GetAsync(cancellationToken).ConfigureAwait(false));
        var rendered = Renderer.Render(request.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition(family, TaskDefinitionRevisions.Number(revision), spec),
            Cluster = cluster,
            PolicyBound = PolicyBoundResolver.BoundFor(informers, workload.Metadata.NamespaceProperty),
            PodSecurityFloor = floor,
            PodSecurityFloorSource = floorSource,
            Capabilities = clusterCapabilities,
        }));
        var summary = TranslationSummaries.Summarize(rendered.Report);
        if (rendered.Rejected)
        {
            var (reason, message) = RenderedChildren.Rejection(rendered);
            return new WorkloadNotReady(reason, message, Degraded: true) { Summary = summary };
        }

        ImmutableLabels.KeepLive(informers, rendered);
        if (await AdoptionGuard.FindCollisionAsync(writer, rendered, workload.Metadata.NamespaceProperty, cancellationToken).ConfigureAwait(false) is { } collision)
        {
            return new WorkloadNotReady(collision.Reason, collision.Message, Degraded: true) { Summary = summary };
        }

        if (await RenderedChildren.ApplyAsync(writer, rendered, workload, cluster, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            // Nothing is pruned: what runs keeps running, and the status says why the new spec does not.
            return new WorkloadNotReady(failure.Reason, failure.Message, failure.Degrades) { Summary = summary, ApplyFailure = failure };
        }

        return new WorkloadPrepared(cluster, resolution, family, $"{family}:{TaskDefinitionRevisions.Number(resolved)}", revision, clusterCapabilities, rendered, summary);
    }
}
