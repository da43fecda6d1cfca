using System.Collections.Concurrent;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using Prometheus;

namespace EcsOnK8s.Controllers.Services;

/// <summary>
/// Per-service figures people alert on: task counts as the service's status reports them and how rollouts ended.
/// Series are labelled by namespace and service and removed when the service is deleted.
/// </summary>
public sealed class ServiceMetrics
{
    public const string CompletedOutcome = "completed";
    public const string FailedOutcome = "failed";

    private static readonly string[] s_labels = ["namespace", "service"];

    // The last rollout counted per service (deployment id and state): a reconcile that repeats on a stale cache
    // computes the same transition again, and must not count it twice.
    private readonly ConcurrentDictionary<ObjectKey, (string? Id, string? State)> _counted = new();

    public ServiceMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        DesiredTasks = factory.CreateGauge("ecsonk8s_service_desired_tasks", "Tasks the service wants (status.desiredCount).", s_labels);
        RunningTasks = factory.CreateGauge("ecsonk8s_service_running_tasks", "Tasks of the service running and ready (status.runningCount).", s_labels);
        PendingTasks = factory.CreateGauge("ecsonk8s_service_pending_tasks", "Tasks of the service started but not ready (status.pendingCount).", s_labels);
        Rollouts = factory.CreateCounter(
            "ecsonk8s_service_rollouts_total",
            "Rollouts (PRIMARY deployments) that ended, by outcome: completed or failed.", ["namespace", "service", "outcome"]);
    }

    public Gauge DesiredTasks { get; }

    public Gauge RunningTasks { get; }

    public Gauge PendingTasks { get; }

    public Counter Rollouts { get; }

    /// <summary>Sets the task gauges from a status the operator wrote, and counts a rollout that ended with it.</summary>
    public void Observe(ObjectKey key, EcsServiceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var (ns, name) = (key.Namespace, key.Name);
        DesiredTasks.WithLabels(ns, name).Set(status.DesiredCount ?? 0);
        RunningTasks.WithLabels(ns, name).Set(status.RunningCount ?? 0);
        PendingTasks.WithLabels(ns, name).Set(status.PendingCount ?? 0);

        var primary = status.Deployments?.FirstOrDefault(d => d.Status == ServiceStatusCalculator.Primary);
        var outcome = primary?.RolloutState switch
        {
            ServiceStatusCalculator.Completed => CompletedOutcome,
            ServiceStatusCalculator.Failed => FailedOutcome,
            _ => null,
        };
        var current = (primary?.Id, primary?.RolloutState);
        var previous = _counted.GetValueOrDefault(key);
        _counted[key] = current;
        if (outcome is not null && previous != current)
        {
            Rollouts.WithLabels(ns, name, outcome).Inc();
        }
    }

    /// <summary>
    /// Records the rollout state a service already had before this process saw it (after a restart, from the status):
    /// it ended before, and is not counted again.
    /// </summary>
    public void Remember(ObjectKey key, EcsServiceStatus? status)
    {
        var primary = status?.Deployments?.FirstOrDefault(d => d.Status == ServiceStatusCalculator.Primary);
        _counted.TryAdd(key, (primary?.Id, primary?.RolloutState));
    }

    /// <summary>Removes every series of a deleted service.</summary>
    public void Forget(ObjectKey key)
    {
        _counted.TryRemove(key, out _);
        var (ns, name) = (key.Namespace, key.Name);
        DesiredTasks.RemoveLabelled(ns, name);
        RunningTasks.RemoveLabelled(ns, name);
        PendingTasks.RemoveLabelled(ns, name);
        Rollouts.RemoveLabelled(ns, name, CompletedOutcome);
        Rollouts.RemoveLabelled(ns, name, FailedOutcome);
    }
}
