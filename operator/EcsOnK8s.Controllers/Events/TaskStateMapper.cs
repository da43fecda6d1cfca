using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Workloads;
using k8s.Models;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// The ECS task state of what the operator observes, as an "ECS Task State Change": a service's task is its pod, an
/// EcsTask's or a scheduled run's task is its Job (with the Job's pod). Pure: the same objects give the same record,
/// times and version included, so a state derived again after a restart is the one derived before.
/// </summary>
/// <remarks>
/// The version is the ordinal of lastStatus in ECS's task lifecycle (PROVISIONING 1, PENDING 2, RUNNING 4, STOPPING 6,
/// STOPPED 8): the lifecycle only moves forward, so it grows with every reported change and a redelivery of the same
/// state carries the same version (and event id).
/// </remarks>
public static class TaskStateMapper
{
    /// <summary>Launch types ECS knows; a capacity provider of one of these names is reported as the launch type.</summary>
    private static readonly HashSet<string> s_launchTypes = new(StringComparer.Ordinal) { "EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES" };

    /// <summary>The version of a state: its ordinal in the lifecycle, from 1.</summary>
    public static long VersionOf(TaskState state) => (long)state + 1;

    /// <summary>
    /// The task of a service's pod (one with the service label); null for any other pod. <paramref name="vanished"/>:
    /// the pod is gone (deleted from the API), so the task is STOPPED at <paramref name="now"/> if it was not before.
    /// </summary>
    public static TaskStateChange? FromServicePod(V1Pod pod, bool vanished, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var service = pod.Metadata?.Label(WellKnownLabels.Service);
        if (service is null || Identity(pod.Metadata!) is not { } identity)
        {
            return null;
        }

        var containers = Containers(pod);
        var created = Time(pod.Metadata!.CreationTimestamp) ?? now;
        var started = StartedAt(pod);
        var terminal = pod.Status?.Phase is "Succeeded" or "Failed";
        var change = identity with
        {
            TaskUid = pod.Metadata.Uid,
            ServiceName = service,
            Containers = containers,
            CreatedAt = created,
            StartedAt = started,
            UpdatedAt = created,
        };

        if (terminal || vanished)
        {
            var stoppedAt = StoppedAt(pod) ?? (vanished ? now : created);
            var everRan = containers.Any(c => c.LastStatus != TaskState.Pending || c.ExitCode is not null);
            var (code, reason) = terminal
                ? Exited(containers, everRan, pod.Status?.Reason ?? pod.Status?.Message)
                : (TaskStopCode.ServiceSchedulerInitiated, "Task stopped: its pod was deleted");
            return change with
            {
                LastStatus = TaskState.Stopped,
                DesiredStatus = TaskState.Stopped,
                Containers = vanished ? [.. containers.Select(c => c.LastStatus == TaskState.Stopped ? c : c with { LastStatus = TaskState.Stopped })] : containers,
                StopCode = code,
                StoppedReason = reason,
                StoppingAt = StoppingAt(pod) ?? stoppedAt,
                StoppedAt = stoppedAt,
                UpdatedAt = stoppedAt,
                Version = VersionOf(TaskState.Stopped),
            };
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            var stopping = StoppingAt(pod) ?? now;
            return change with
            {
                LastStatus = TaskState.Stopping,
                DesiredStatus = TaskState.Stopped,
                StopCode = TaskStopCode.ServiceSchedulerInitiated,
                StoppedReason = "Task stopped: its pod was deleted",
                StoppingAt = stopping,
                UpdatedAt = stopping,
                Version = VersionOf(TaskState.Stopping),
            };
        }

        return Live(change, pod);
    }

    /// <summary>
    /// The task of an EcsTask's or a scheduled run's Job, with its newest pod (null before the pod exists).
    /// <paramref name="vanished"/>: the Job is gone, so the task is STOPPED at <paramref name="now"/> if it was not before.
    /// </summary>
    public static TaskStateChange? FromJob(V1Job job, V1Pod? pod, bool vanished, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (Identity(job.Metadata) is not { } identity)
        {
            return null;
        }

        var essential = new HashSet<string>(
            (pod?.Metadata?.Annotation(PodAnnotations.EssentialContainers) ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries),
            StringComparer.Ordinal);
        var observed = TaskStatusCalculator.Task(string.Empty, job, pod, essential);
        var containers = pod is null ? [] : Containers(pod);
        var created = Time(job.Metadata.CreationTimestamp) ?? now;
        var started = pod is null ? null : StartedAt(pod);
        var change = identity with
        {
            TaskUid = job.Metadata.Uid,
            Group = job.Metadata.Annotation(TaskRenderer.GroupAnnotation),
            StartedBy = job.Metadata.Annotation(TaskRenderer.StartedByAnnotation),
            Containers = containers,
            CreatedAt = created,
            StartedAt = started,
            UpdatedAt = created,
        };

        if (observed.LastStatus == TaskStatusCalculator.Stopped || vanished)
        {
            var stoppedAt = Time(observed.StoppedAt) ?? (pod is null ? null : StoppedAt(pod)) ?? (vanished ? now : created);
            var stopped = observed.LastStatus == TaskStatusCalculator.Stopped;
            return change with
            {
                LastStatus = TaskState.Stopped,
                DesiredStatus = TaskState.Stopped,
                Containers = [.. containers.Select(c => c.LastStatus == TaskState.Stopped ? c : c with { LastStatus = TaskState.Stopped })],
                StopCode = stopped ? (observed.StopCode == "TaskFailedToStart" ? TaskStopCode.TaskFailedToStart : TaskStopCode.EssentialContainerExited) : TaskStopCode.UserInitiated,
                StoppedReason = stopped ? observed.StoppedReason : "Task stopped: its Job was deleted",
                StoppingAt = stoppedAt,
                StoppedAt = stoppedAt,
                UpdatedAt = stoppedAt,
                Version = VersionOf(TaskState.Stopped),
            };
        }

        return pod is null
            ? change with { LastStatus = TaskState.Provisioning, DesiredStatus = TaskState.Running, Version = VersionOf(TaskState.Provisioning) }
            : Live(change, pod);
    }

    /// <summary>
    /// The STOPPED state of a task last seen in <paramref name="last"/> whose object vanished (deleted while the
    /// operator did not watch): a task already STOPPED stays as it was; any other stops at <paramref name="now"/>.
    /// </summary>
    public static TaskStateChange Vanished(TaskStateChange last, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(last);
        if (last.LastStatus == TaskState.Stopped)
        {
            return last;
        }

        var service = last.ServiceName is not null;
        return last with
        {
            LastStatus = TaskState.Stopped,
            DesiredStatus = TaskState.Stopped,
            Containers = [.. last.Containers.Select(c => c.LastStatus == TaskState.Stopped ? c : c with { LastStatus = TaskState.Stopped })],
            StopCode = last.StopCode ?? (service ? TaskStopCode.ServiceSchedulerInitiated : TaskStopCode.UserInitiated),
            StoppedReason = last.StoppedReason ?? (service ? "Task stopped: its pod was deleted" : "Task stopped: its Job was deleted"),
            StoppingAt = last.StoppingAt ?? now,
            StoppedAt = now,
            UpdatedAt = now,
            Version = VersionOf(TaskState.Stopped),
        };
    }

    /// <summary>PROVISIONING (not scheduled), PENDING (scheduled, starting) or RUNNING, with the time it was reached.</summary>
    private static TaskStateChange Live(TaskStateChange change, V1Pod pod)
    {
        if (pod.Status?.Phase == "Running")
        {
            var at = Condition(pod, "Ready") ?? change.StartedAt ?? change.CreatedAt;
            return change with { LastStatus = TaskState.Running, DesiredStatus = TaskState.Running, UpdatedAt = at, Version = VersionOf(TaskState.Running) };
        }

        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            var at = Condition(pod, "PodScheduled") ?? change.CreatedAt;
            return change with { LastStatus = TaskState.Pending, DesiredStatus = TaskState.Running, UpdatedAt = at, StartedAt = null, Version = VersionOf(TaskState.Pending) };
        }

        return change with { LastStatus = TaskState.Provisioning, DesiredStatus = TaskState.Running, StartedAt = null, Version = VersionOf(TaskState.Provisioning) };
    }

    /// <summary>What the labels say of every task: cluster, task definition, capacity provider. Null without a family or revision.</summary>
    private static TaskStateChange? Identity(V1ObjectMeta metadata)
    {
        var family = metadata.Label(WellKnownLabels.Family);
        if (family is null || metadata.Uid is null
            || !int.TryParse(metadata.Label(WellKnownLabels.Revision), NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            return null;
        }

        var provider = metadata.Label(WellKnownLabels.CapacityProvider);
        return new TaskStateChange
        {
            Cluster = metadata.Label(WellKnownLabels.Cluster) ?? "default",
            TaskUid = metadata.Uid,
            TaskDefinitionFamily = family,
            TaskDefinitionRevision = revision,
            LastStatus = TaskState.Provisioning,
            DesiredStatus = TaskState.Running,
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            LaunchType = provider is null ? "EC2" : s_launchTypes.Contains(provider) ? provider : null,
            CapacityProviderName = provider is not null && !s_launchTypes.Contains(provider) ? provider : null,
            Version = VersionOf(TaskState.Provisioning),
        };
    }

    /// <summary>Every container of the pod's spec, in order, with what its status says.</summary>
    private static List<ContainerStateChange> Containers(V1Pod pod)
    {
        var statuses = (pod.Status?.ContainerStatuses ?? []).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var result = new List<ContainerStateChange>();
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var status = statuses.GetValueOrDefault(container.Name);
            var terminated = status?.State?.Terminated;
            result.Add(new ContainerStateChange
            {
                Name = container.Name,
                Image = container.Image,
                LastStatus = terminated is not null ? TaskState.Stopped : status?.State?.Running is not null ? TaskState.Running : TaskState.Pending,
                ExitCode = terminated?.ExitCode,
                Reason = terminated?.Reason switch
                {
                    null or "Completed" or "Error" => null,
                    "OOMKilled" => "OutOfMemoryError: Container killed due to memory usage",
                    var other => other,
                },
            });
        }

        return result;
    }

    private static (TaskStopCode Code, string Reason) Exited(IReadOnlyList<ContainerStateChange> containers, bool everRan, string? podReason)
    {
        if (!everRan)
        {
            return (TaskStopCode.TaskFailedToStart, podReason ?? "Task failed to start");
        }

        var exited = containers.FirstOrDefault(c => c.ExitCode is not null and not 0) ?? containers.FirstOrDefault(c => c.ExitCode is not null);
        return (TaskStopCode.EssentialContainerExited, exited is null
            ? "Essential container in task exited"
            : $"Essential container in task exited: {exited.Name} (exit code {exited.ExitCode})");
    }

    private static DateTimeOffset? StartedAt(V1Pod pod) =>
        pod.Status?.Phase is "Running" or "Succeeded" or "Failed" ? Time(pod.Status.StartTime) : null;

    private static DateTimeOffset? StoppedAt(V1Pod pod) =>
        (pod.Status?.ContainerStatuses ?? []).Select(c => Time(c.State?.Terminated?.FinishedAt)).Where(t => t is not null).Max();

    /// <summary>When the pod was asked to stop: its deletion timestamp less the grace period it was given.</summary>
    private static DateTimeOffset? StoppingAt(V1Pod pod) =>
        Time(pod.Metadata?.DeletionTimestamp) is { } deletion ? deletion.AddSeconds(-(pod.Metadata!.DeletionGracePeriodSeconds ?? 0)) : null;

    private static DateTimeOffset? Condition(V1Pod pod, string type) =>
        Time(pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == "True")?.LastTransitionTime);

    private static DateTimeOffset? Time(DateTime? time) =>
        time is { } set ? new DateTimeOffset(DateTime.SpecifyKind(set, DateTimeKind.Utc)) : null;
}
