using System.Collections.Concurrent;
using System.Globalization;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Events.Ecs;
using k8s.Models;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// The service events of an EcsService's status and pods, one per kind (the newest of each): <c>deployment</c>, the
/// primary deployment's "ECS Deployment State Change" (IN_PROGRESS, COMPLETED, FAILED from its rolloutState);
/// <c>steady</c>, SERVICE_STEADY_STATE once the primary deployment is COMPLETED with every task running;
/// <c>desired</c>, SERVICE_DESIRED_COUNT_UPDATED when the desired count moved since it was last seen (in memory:
/// not after a restart); <c>placement</c>, SERVICE_TASK_PLACEMENT_FAILURE while a task cannot be scheduled.
/// </summary>
public sealed class ServiceEventTracker
{
    public const string Deployment = "deployment";
    public const string Steady = "steady";
    public const string Desired = "desired";
    public const string Placement = "placement";

    private readonly ConcurrentDictionary<string, int> _desired = new(StringComparer.Ordinal);

    /// <summary>The scheduler's message when the pod cannot be scheduled; else null.</summary>
    public static string? Unschedulable(V1Pod pod) =>
        pod?.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") is { } condition
            ? condition.Message ?? "Unschedulable"
            : null;

    public IReadOnlyList<(string Kind, AwsEvent Event)> EventsOf(EcsService service, IReadOnlyList<V1Pod> pods, EcsEventBuilder builder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(builder);
        var result = new List<(string, AwsEvent)>();
        var cluster = EcsInformers.ClusterName(service.Spec.Cluster);
        var name = service.Metadata.Name;
        var uid = service.Metadata.Uid;
        var status = service.Status;
        var primary = status?.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY");
        if (primary?.Id is { } deploymentId && primary.RolloutState is { } rollout)
        {
            var at = Time(primary.UpdatedAt ?? primary.CreatedAt) ?? now;
            var eventName = rollout switch
            {
                "COMPLETED" => DeploymentEventName.ServiceDeploymentCompleted,
                "FAILED" => DeploymentEventName.ServiceDeploymentFailed,
                _ => DeploymentEventName.ServiceDeploymentInProgress,
            };
            result.Add((Deployment, builder.BuildDeploymentStateChange(new DeploymentStateChange
            {
                Cluster = cluster,
                ServiceName = name,
                ServiceUid = uid,
                Name = eventName,
                DeploymentId = deploymentId,
                UpdatedAt = at,
                Reason = eventName switch
                {
                    DeploymentEventName.ServiceDeploymentFailed => primary.RolloutStateReason ?? $"ECS deployment {deploymentId} failed.",
                    DeploymentEventName.ServiceDeploymentCompleted => $"ECS deployment {deploymentId} completed.",
                    _ => $"ECS deployment {deploymentId} in progress.",
                },
            })));

            if (eventName == DeploymentEventName.ServiceDeploymentCompleted && status!.RunningCount == status.DesiredCount)
            {
                result.Add((Steady, builder.BuildServiceAction(new ServiceAction
                {
                    Cluster = cluster,
                    ServiceName = name,
                    ServiceUid = uid,
                    Name = ServiceActionName.ServiceSteadyState,
                    StateVersion = deploymentId + "/" + (status.DesiredCount ?? 0).ToString(CultureInfo.InvariantCulture),
                    CreatedAt = at,
                })));
            }
        }

        if (status?.DesiredCount is { } desired)
        {
            var previous = _desired.GetValueOrDefault(uid, -1);
            _desired[uid] = desired;
            if (previous >= 0 && previous != desired)
            {
                result.Add((Desired, builder.BuildServiceAction(new ServiceAction
                {
                    Cluster = cluster,
                    ServiceName = name,
                    ServiceUid = uid,
                    Name = ServiceActionName.ServiceDesiredCountUpdated,
                    StateVersion = $"{service.Metadata.Generation}/{previous}/{desired}",
                    CreatedAt = now,
                })));
            }
        }

        foreach (var pod in pods.OrderBy(p => p.Metadata.CreationTimestamp))
        {
            if (Unschedulable(pod) is { } reason)
            {
                result.Add((Placement, builder.BuildServiceAction(new ServiceAction
                {
                    Cluster = cluster,
                    ServiceName = name,
                    ServiceUid = uid,
                    Name = ServiceActionName.ServiceTaskPlacementFailure,
                    StateVersion = pod.Metadata.Uid,
                    CreatedAt = Time(pod.Status!.Conditions!.First(c => c.Type == "PodScheduled").LastTransitionTime) ?? now,
                    Reason = reason,
                })));
                break;
            }
        }

        return result;
    }

    private static DateTimeOffset? Time(DateTime? time) =>
        time is { } set ? new DateTimeOffset(DateTime.SpecifyKind(set, DateTimeKind.Utc)) : null;
}
