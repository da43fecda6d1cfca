using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation.Pods;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tasks;

/// <summary>
/// Runs an EcsTask (RunTask) once: resolves the revision, creates one Job per task, and from then on only reports
/// ECS task state. A task is never started twice: once its Jobs exist, the spec is history, as in ECS. When an
/// essential container exits while others still run, the task is stopped (its Job's deadline is cut short). When
/// Kubernetes refuses a task's pod (a quota, Pod Security admission, a webhook), PodsAdmitted says so with the
/// refusal, and past the start timeout the task is stopped as ECS stops a task that fails to start.
/// </summary>
public sealed class TaskReconciler(
    EcsInformers informers,
    IChildWriter writer,
    IEventRecorder events,
    ICapabilitiesSource capabilitiesSource,
    TimeProvider time,
    IPodRefusals? refusals = null,
    TaskOptions? options = null,
    TaskDefinitionWaiters? waiters = null) : IReconciler<EcsTask>
{
    /// <summary>Tasks waiting for their task definition's controller; its status write queues them.</summary>
    public TaskDefinitionWaiters Waiters { get; } = waiters ?? new TaskDefinitionWaiters(informers);

    private readonly WorkloadFrame _frame = new(informers, writer, capabilitiesSource);
    private readonly PodStartWatch _starts = new(writer, events, refusals, options);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Waiters.Forget(key);
        if (WorkloadFrame.Live(informers.Tasks.Store, key) is not { } task)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var generation = task.Metadata.Generation;
        var status = StatusWriter.CopyOf(task.Status);
        status.ObservedGeneration = generation;
        var jobs = informers.Jobs.Store.ByControllerOwner(task.Metadata.Uid).OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList();

        // The start is recorded by status.taskDefinition. Jobs without it mean the operator stopped between creating
        // them and writing the status (a crash, a lost leadership): the start is finished with the revision those
        // Jobs run, so that the Jobs not created yet are (no task lost) and the existing ones are not run again.
        var startedWith = jobs.Select(j => j.Metadata.Annotation(WellKnownAnnotations.TaskDefinition)).FirstOrDefault(t => t is not null);
        if (status.TaskDefinition is null && (jobs.Count == 0 || startedWith is not null))
        {
            var preparation = await _frame.PrepareAsync(new WorkloadRequest
            {
                Workload = task,
                Render = render => render with { Task = task },
                Noun = "task",
                Cluster = task.Spec.Cluster,
                TaskDefinition = startedWith ?? task.Spec.TaskDefinition,
            }, cancellationToken).ConfigureAwait(false);
            switch (preparation)
            {
                case not WorkloadPrepared when jobs.Count > 0:
                    // The revision the Jobs run is gone: what was started stays as it is, reported as it runs.
                    break;
                case WorkloadRegistering registering:
                    return ReconcileResult.RequeueAfter(Waiters.RecheckAfter(task.Metadata, registering.Family, key));
                case WorkloadNotReady notReady:
                    status.Translation = notReady.Summary ?? status.Translation;
                    return notReady.After(await writer.WriteNotReadyAsync(
                        events, task, status, notReady.Reason, notReady.Message, notReady.Degraded, now, cancellationToken).ConfigureAwait(false));
                case WorkloadPrepared prepared:
                    status.Translation = prepared.Summary;
                    status.TaskDefinition = prepared.TaskDefinition;
                    var started = prepared.Rendered.Objects.Count(o => o is V1Job) - jobs.Count;
                    if (started > 0)
                    {
                        events.Record(task, EcsEvents.TasksStarted, $"started {started} tasks of {status.TaskDefinition}.");
                    }

                    break;
            }
        }

        status.TaskDefinition ??= startedWith;
        var pods = informers.Pods.Store.ByIndex(EcsInformers.TaskIndex, EcsInformers.Scoped(task.Metadata, task.Metadata.Name));
        var clusterName = EcsInformers.ClusterName(task.Spec.Cluster);
        var tasks = new List<TaskInstanceStatus>();
        (string Job, string Message)? refused = null;
        TimeSpan? recheck = null;
        foreach (var job in jobs)
        {
            var pod = pods
                .Where(p => p.Metadata.Label(WellKnownLabels.JobName) == job.Metadata.Name)
                .OrderByDescending(p => p.Metadata.CreationTimestamp)
                .FirstOrDefault();
            var essential = new HashSet<string>(
                (pod?.Metadata.Annotation(PodAnnotations.EssentialContainers) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
                StringComparer.Ordinal);
            var arn = $"arn:ecsonk8s:ecs:{task.Metadata.NamespaceProperty}:task/{clusterName}/{job.Metadata.Name}";
            var instance = TaskStatusCalculator.Task(arn, job, pod, essential);
            if (pod is null)
            {
                (instance, var refusal, var wait) = await _starts.WatchUnstartedAsync(task, "task", job, instance, essential, now, refusedBefore: true, cancellationToken)
                    .ConfigureAwait(false);
                recheck = PodStartWatch.Sooner(recheck, wait);
                refused ??= refusal is null ? null : (job.Metadata.Name, refusal);
            }

            tasks.Add(instance);
            if (instance.LastStatus == TaskStatusCalculator.Stopped && pod?.Status?.Phase == "Running" && job.Spec.ActiveDeadlineSeconds != 1)
            {
                await StopJobAsync(job, cancellationToken).ConfigureAwait(false);
                events.Record(task, EcsEvents.EssentialContainerExited, $"task {job.Metadata.Name} stopped: {instance.StoppedReason}.");
            }
        }

        status.Tasks = tasks;
        status.LastStatus = TaskStatusCalculator.Overall(tasks);
        var failed = tasks.FirstOrDefault(t => t.Containers?.Any(c => c.ExitCode is not null and not 0) == true || t.StopCode == "TaskFailedToStart");
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Ready, true, ConditionReasons.Reconciled,
            $"{tasks.Count} tasks of {status.TaskDefinition}: {status.LastStatus}.", generation, now);
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, failed is not null,
            failed is null ? ConditionReasons.Reconciled : ConditionReasons.TaskFailed, failed?.StoppedReason ?? "No problems.", generation, now);
        status.Conditions = PodStartWatch.PodsAdmitted(
            status.Conditions, refused is { } r ? ($"task {r.Job}", r.Message) : null, "Kubernetes creates the task's pods.", generation, now);
        await writer.WriteStatusAsync(task, status, cancellationToken).ConfigureAwait(false);
        return recheck is { } after ? ReconcileResult.RequeueAfter(after) : ReconcileResult.Done;
    }

    /// <summary>Stops every container of a task: the Job controller ends a Job whose active deadline passed.</summary>
    private Task StopJobAsync(V1Job job, CancellationToken cancellationToken) =>
        writer.PatchAsync(ResourceTypes.Job, ObjectKey.From(job), """{"spec":{"activeDeadlineSeconds":1}}""", cancellationToken);
}
