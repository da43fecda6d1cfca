using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tasks;

/// <summary>
/// Watches over the start of the Jobs that run ECS tasks (an EcsTask's, a scheduled run's): when a Job has no pod past
/// a grace period, its events say whether Kubernetes refuses the pod (a quota, Pod Security admission, a webhook);
/// PodsAdmitted reports it, and past the start timeout the Job is stopped as ECS stops a task that fails to start.
/// Without <paramref name="refusals"/> only what a Job stopped earlier says is reported.
/// </summary>
public sealed class PodStartWatch(IChildWriter writer, IEventRecorder events, IPodRefusals? refusals, TaskOptions? options = null)
{
    private readonly TaskOptions _options = options ?? new TaskOptions();

    /// <summary>
    /// What a Job that has no pod comes to: the refusal to report (the stop reason kept on a Job stopped earlier, or
    /// the refusal its events tell), <paramref name="task"/> as it stands then (stopped, when refused past the start
    /// timeout; the event goes to <paramref name="owner"/>, naming the Job as its <paramref name="noun"/>: "task",
    /// "run"), and when to look again. A Job not stored yet (no UID) is too new to have been refused.
    /// </summary>
    public async Task<(TaskInstanceStatus Task, string? Refusal, TimeSpan? Recheck)> WatchUnstartedAsync(
        IKubernetesObject<V1ObjectMeta> owner, string noun, V1Job job, TaskInstanceStatus task, IReadOnlySet<string> essential, DateTime now,
        bool refusedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(task);
        if (job.Metadata.Annotation(WellKnownAnnotations.StoppedReason) is { } stoppedReason)
        {
            return (task, stoppedReason, null);
        }

        if (task.LastStatus == TaskStatusCalculator.Stopped || refusals is null || job.Metadata.Uid is null)
        {
            return (task, null, null);
        }

        var (refusal, recheck) = await RefusalAsync(job, now, refusedBefore, cancellationToken).ConfigureAwait(false);
        if (refusal is not null && recheck is null)
        {
            task = await StopUnstartedAsync(owner, noun, job, task.TaskArn!, essential, refusal, now, cancellationToken).ConfigureAwait(false);
        }

        return (task, refusal, recheck);
    }

    /// <summary>The sooner of two looks again (null: none).</summary>
    public static TimeSpan? Sooner(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null || a < b ? a : b;

    /// <summary>
    /// The refusal of a Job that has no pod, read from its events once it is past the grace period, and when to look
    /// again. Refused: every recheck until the start timeout, then null (the Job is to be stopped). Nothing refused:
    /// once more at the lookout, then null, so that a cluster without a Job controller (a bare API server) is not
    /// polled for ever; the pod's arrival queues the owner anyway. Past the lookout the events are read only when
    /// <paramref name="refusedBefore"/> (the owner's status already reports a refusal).
    /// </summary>
    private async Task<(string? Refusal, TimeSpan? Recheck)> RefusalAsync(V1Job job, DateTime now, bool refusedBefore, CancellationToken cancellationToken)
    {
        var age = now - (job.Metadata.CreationTimestamp ?? now);
        if (age < _options.RefusalGrace)
        {
            return (null, _options.RefusalGrace - age);
        }

        if (age >= _options.RefusalLookout && !refusedBefore)
        {
            return (null, null);
        }

        var refusal = await refusals!.FindAsync(job, cancellationToken).ConfigureAwait(false);
        if (refusal is null)
        {
            return (null, age < _options.RefusalLookout ? _options.RefusalLookout - age : null);
        }

        var left = _options.StartTimeout - age;
        return (refusal, left > TimeSpan.Zero ? Min(_options.RefusalRecheck, left) : null);
    }

    /// <summary>
    /// Stops a Job whose pod stayed refused past the start timeout: parallelism 0 (it creates no pod, even once the
    /// refusal is lifted) and the ECS stoppedReason on the Job, where statuses read it from. Returns the task as the
    /// patch leaves it.
    /// </summary>
    private async Task<TaskInstanceStatus> StopUnstartedAsync(
        IKubernetesObject<V1ObjectMeta> owner, string noun, V1Job job, string arn, IReadOnlySet<string> essential, string refusal, DateTime now,
        CancellationToken cancellationToken)
    {
        var reason = $"Task failed to start: Kubernetes refused its pod for {Format(_options.StartTimeout)}: {refusal}";
        var at = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var annotations = new Dictionary<string, string> { [WellKnownAnnotations.StoppedReason] = reason, [WellKnownAnnotations.StoppedAt] = at };
        var patch = JsonSerializer.Serialize(new { metadata = new { annotations }, spec = new { parallelism = 0 } });
        await writer.PatchAsync(ResourceTypes.Job, ObjectKey.From(job), patch, cancellationToken).ConfigureAwait(false);
        events.Record(owner, EcsEvents.TaskFailedToStart, $"{noun} {job.Metadata.Name} stopped: {reason}.");

        // The Job as the patch leaves it (the cached one is shared and stays as it is until the watch brings the change).
        var stopped = new V1Job
        {
            Metadata = new V1ObjectMeta
            {
                Name = job.Metadata.Name,
                CreationTimestamp = job.Metadata.CreationTimestamp,
                Annotations = new Dictionary<string, string>(job.Metadata.Annotations ?? new Dictionary<string, string>()),
            },
            Status = job.Status,
        };
        foreach (var (key, value) in annotations)
        {
            stopped.Metadata.Annotations[key] = value;
        }

        return TaskStatusCalculator.Task(arn, stopped, null, essential);
    }

    /// <summary>
    /// PodsAdmitted False with the refusal (<paramref name="refused"/>: what is refused, e.g. "task web-1", and the
    /// message) while a pod is refused; True with <paramref name="admitted"/> once pods are created again. Absent while
    /// no refusal was ever seen, so the statuses of workloads that never met one do not change.
    /// </summary>
    public static List<Condition> PodsAdmitted(List<Condition> conditions, (string What, string Message)? refused, string admitted, long? generation, DateTime now)
    {
        if (refused is null && Conditions.Find(conditions, ConditionTypes.PodsAdmitted) is null)
        {
            return conditions;
        }

        return Conditions.Set(conditions, ConditionTypes.PodsAdmitted, refused is null,
            refused is null ? ConditionReasons.PodsCreated : ConditionReasons.PodsRefused,
            refused is { } r ? $"Kubernetes refuses the pod of {r.What}: {r.Message}" : admitted, generation, now);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Format(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{(int)span.TotalMinutes}m" : $"{(int)span.TotalSeconds}s";
}
