using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tasks;

/// <summary>
/// ECS task state from a Job and its pod, as DescribeTasks reports it: lastStatus PROVISIONING → PENDING → RUNNING →
/// STOPPED, desiredStatus, stopCode, stoppedReason, and each container's state and exit code.
/// </summary>
public static class TaskStatusCalculator
{
    public const string Provisioning = "PROVISIONING";
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Stopped = "STOPPED";

    public static TaskInstanceStatus Task(string taskArn, V1Job job, V1Pod? pod, IReadOnlySet<string> essential)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(essential);
        var containers = (pod?.Status?.ContainerStatuses ?? [])
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ContainerInstanceStatus
            {
                Name = c.Name,
                LastStatus = c.State?.Terminated is not null ? Stopped : c.State?.Running is not null ? Running : Pending,
                ExitCode = c.State?.Terminated?.ExitCode,
                Reason = c.State?.Terminated?.Reason ?? c.State?.Waiting?.Reason,
            })
            .ToList();
        var status = new TaskInstanceStatus
        {
            TaskArn = taskArn,
            CreatedAt = job.Metadata.CreationTimestamp,
            StartedAt = pod?.Status?.StartTime,
            Containers = containers.Count == 0 ? null : containers,
        };

        if (job.Metadata.Annotations?.TryGetValue(WellKnownAnnotations.StoppedReason, out var refused) == true && pod is null)
        {
            status.LastStatus = Stopped;
            status.DesiredStatus = Stopped;
            status.StopCode = "TaskFailedToStart";
            status.StoppedReason = refused;
            status.StoppedAt = DateTime.TryParse(job.Metadata.Annotation(WellKnownAnnotations.StoppedAt), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            return status;
        }

        var exitedEssential = containers.FirstOrDefault(c => c.LastStatus == Stopped && essential.Contains(c.Name!));
        var jobFailed = job.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true;
        var jobComplete = job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true;
        var phase = pod?.Status?.Phase;
        if (phase is "Succeeded" or "Failed" || jobFailed || jobComplete || exitedEssential is not null)
        {
            status.LastStatus = Stopped;
            status.DesiredStatus = Stopped;
            status.StoppedAt = (pod?.Status?.ContainerStatuses ?? [])
                .Select(c => c.State?.Terminated?.FinishedAt)
                .Where(t => t is not null)
                .Max() ?? job.Status?.CompletionTime;
            var everRan = containers.Any(c => c.LastStatus != Pending || c.ExitCode is not null);
            if (!everRan)
            {
                status.StopCode = "TaskFailedToStart";
                status.StoppedReason = pod?.Status?.Reason ?? job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed")?.Message ?? "Task failed to start";
            }
            else
            {
                status.StopCode = "EssentialContainerExited";
                status.StoppedReason = exitedEssential is null
                    ? "Essential container in task exited"
                    : $"Essential container in task exited: {exitedEssential.Name} (exit code {exitedEssential.ExitCode})";
            }

            return status;
        }

        status.DesiredStatus = Running;
        status.LastStatus = phase switch
        {
            "Running" => Running,
            "Pending" when !string.IsNullOrEmpty(pod?.Spec?.NodeName) => Pending,
            _ => Provisioning,
        };
        return status;
    }

    /// <summary>The state of the task set: STOPPED when all stopped, else the most advanced state of any task.</summary>
    public static string Overall(IReadOnlyList<TaskInstanceStatus> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count > 0 && tasks.All(t => t.LastStatus == Stopped))
        {
            return Stopped;
        }

        return tasks.Any(t => t.LastStatus == Running) ? Running
            : tasks.Any(t => t.LastStatus == Pending) ? Pending
            : Provisioning;
    }
}
