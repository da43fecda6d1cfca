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
using k8s.Models;

namespace EcsOnK8s.Controllers.Tasks;

/// <summary>
/// Runs an EcsTask (RunTask) once: resolves the revision, creates one Job per task, and from then on only reports
/// ECS task state. A task is never started twice: once its Jobs exist, the spec is history, as in ECS. When an
/// essential container exits while others still run, the task is stopped (its Job's deadline is cut short).
/// </summary>
public sealed class TaskReconciler(
    EcsInformers informers,
    ChildApplier applier,
    KubernetesRestClient client,
    KubeEventRecorder events,
    ClusterCapabilitiesDiscovery discovery,
    TimeProvider time) : IReconciler<EcsTask>
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var task = informers.Tasks.Store.Get(key);
        if (task is null || task.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var generation = task.Metadata.Generation;
        var status = StatusWriter.CopyOf(task.Status);
        status.ObservedGeneration = generation;
        var jobs = informers.Jobs.Store.ByControllerOwner(task.Metadata.Uid).OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList();
        var (cluster, clusterReason, clusterMessage) = ClusterResolver.Resolve(informers, task.Metadata, task.Spec.Cluster, "task");

        if (jobs.Count == 0 && status.TaskDefinition is null)
        {
            if (cluster is null)
            {
                return await NotReadyAsync(task, status, clusterReason!, clusterMessage!, clusterReason == ConditionReasons.ClusterInvalid, now, cancellationToken).ConfigureAwait(false);
            }

            var resolution = RevisionResolver.Resolve(informers, task.Metadata, task.Spec.TaskDefinition, "task", _ => false);
            if (resolution.Registering)
            {
                return ReconcileResult.RequeueAfter(RevisionResolution.RegisteringRecheck);
            }

            if (resolution.Error is { } error)
            {
                return await NotReadyAsync(task, status, resolution.Reason!, error, resolution.Degraded, now, cancellationToken).ConfigureAwait(false);
            }

            var revision = resolution.Revision!;
            var spec = TaskDefinitionReconciler.SpecOf(revision)!;
            var rendered = Renderer.Render(new RenderRequest
            {
                TaskDefinition = new ResolvedTaskDefinition(resolution.Family!, TaskDefinitionReconciler.Number(revision), spec),
                Cluster = cluster,
                Capabilities = CapabilitiesMapping.ToTranslation(await discovery.GetAsync(cancellationToken).ConfigureAwait(false)),
                Task = task,
            });
            status.Translation = TaskDefinitionValidator.Summarize(rendered.Report);
            if (rendered.Rejected)
            {
                var (reason, message) = RenderedChildren.Rejection(rendered);
                return await NotReadyAsync(task, status, reason, message, degraded: true, now, cancellationToken).ConfigureAwait(false);
            }

            if (await AdoptionGuard.FindCollisionAsync(applier, rendered, task.Metadata.NamespaceProperty, cancellationToken).ConfigureAwait(false) is { } collision)
            {
                return await NotReadyAsync(task, status, collision.Reason, collision.Message, degraded: true, now, cancellationToken).ConfigureAwait(false);
            }

            if (await RenderedChildren.ApplyAsync(applier, rendered, task, cluster, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return RenderedChildren.Outcome(failure, await NotReadyAsync(
                    task, status, failure.Reason, failure.Message, degraded: failure.Degrades, now, cancellationToken).ConfigureAwait(false));
            }

            status.TaskDefinition = $"{resolution.Family}:{TaskDefinitionReconciler.Number(revision)}";
            events.Record(task, "Normal", "TasksStarted",
                $"started {rendered.Objects.Count(o => o is V1Job)} tasks of {status.TaskDefinition}.");
        }

        status.TaskDefinition ??= jobs.Select(j => j.Metadata.Annotation(WellKnownAnnotations.TaskDefinition)).FirstOrDefault(t => t is not null);
        var pods = informers.Pods.Store.ByIndex(EcsInformers.TaskIndex, EcsInformers.Scoped(task.Metadata, task.Metadata.Name));
        var clusterName = EcsInformers.ClusterName(task.Spec.Cluster);
        var tasks = new List<TaskInstanceStatus>();
        foreach (var job in jobs)
        {
            var pod = pods
                .Where(p => p.Metadata.Label("job-name") == job.Metadata.Name)
                .OrderByDescending(p => p.Metadata.CreationTimestamp)
                .FirstOrDefault();
            var essential = new HashSet<string>(
                (pod?.Metadata.Annotation(PodAnnotations.EssentialContainers) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
                StringComparer.Ordinal);
            var instance = TaskStatusCalculator.Task(
                $"arn:ecsonk8s:ecs:{task.Metadata.NamespaceProperty}:task/{clusterName}/{job.Metadata.Name}", job, pod, essential);
            tasks.Add(instance);
            if (instance.LastStatus == TaskStatusCalculator.Stopped && pod?.Status?.Phase == "Running" && job.Spec.ActiveDeadlineSeconds != 1)
            {
                await StopJobAsync(job, cancellationToken).ConfigureAwait(false);
                events.Record(task, "Warning", "EssentialContainerExited", $"task {job.Metadata.Name} stopped: {instance.StoppedReason}.");
            }
        }

        status.Tasks = tasks;
        status.LastStatus = TaskStatusCalculator.Overall(tasks);
        var failed = tasks.FirstOrDefault(t => t.Containers?.Any(c => c.ExitCode is not null and not 0) == true || t.StopCode == "TaskFailedToStart");
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Ready, true, ConditionReasons.Reconciled,
            $"{tasks.Count} tasks of {status.TaskDefinition}: {status.LastStatus}.", generation, now);
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, failed is not null,
            failed is null ? ConditionReasons.Reconciled : "TaskFailed", failed?.StoppedReason ?? "No problems.", generation, now);
        await applier.WriteStatusAsync(task, status, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Stops every container of a task: the Job controller ends a Job whose active deadline passed.</summary>
    private async Task StopJobAsync(V1Job job, CancellationToken cancellationToken) =>
        await client.SendJsonAsync(
            HttpMethod.Patch, ResourceTypes.Job.ObjectPath(ObjectKey.From(job)),
            """{"spec":{"activeDeadlineSeconds":1}}""", "application/merge-patch+json", cancellationToken).ConfigureAwait(false);

    private Task<ReconcileResult> NotReadyAsync(
        EcsTask task, EcsTaskStatus status, string reason, string message, bool degraded, DateTime now, CancellationToken cancellationToken) =>
        applier.WriteNotReadyAsync(events, task, status, reason, message, degraded, now, cancellationToken);
}
