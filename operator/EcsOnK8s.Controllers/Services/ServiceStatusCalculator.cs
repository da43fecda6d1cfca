using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Translation.Workloads;

namespace EcsOnK8s.Controllers.Services;

/// <summary>
/// Computes an EcsService's ECS-shaped status (counts, deployments with rollout states, service events,
/// conditions) from what its workloads report and the previous status. Pure: the same observation gives the same
/// status, so a restart of the operator changes nothing.
/// </summary>
public static class ServiceStatusCalculator
{
    public const string Primary = "PRIMARY";
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const int MaxEvents = 100;

    /// <summary>ECS's circuit breaker threshold: half the desired count, at least 3, at most 200.</summary>
    public static int FailureThreshold(int desiredCount) => Math.Clamp((desiredCount + 1) / 2, 3, 200);

    public static ServiceStatusResult Compute(ServiceObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var previous = observation.Previous ?? new EcsServiceStatus();
        var previousDeployments = previous.Deployments ?? [];
        var previousPrimary = previousDeployments.FirstOrDefault(d => d.Status == Primary);
        var events = new List<ServiceEventNotice>();

        var current = observation.Workloads.Sum(w => w.Current);
        var updated = observation.Workloads.Sum(w => w.Updated);
        var ready = observation.Workloads.Sum(w => w.Ready);
        var primaryRunning = Math.Clamp(ready - (current - updated), 0, updated);

        // The primary deployment carries over when it runs the same revision; otherwise a new one starts.
        var samePrimary = previousPrimary?.TaskDefinition == observation.EffectiveTaskDefinition ? previousPrimary : null;
        var createdAt = samePrimary?.CreatedAt ?? observation.Now;
        var failedTasks = (samePrimary?.FailedTasks ?? 0) + observation.NewlyFailedTasks;
        var primary = new ServiceDeployment
        {
            Id = samePrimary?.Id ?? DeploymentId(observation.ServiceUid, observation.EffectiveTaskDefinition, createdAt),
            Status = Primary,
            TaskDefinition = observation.EffectiveTaskDefinition,
            DesiredCount = observation.DesiredCount,
            RunningCount = primaryRunning,
            PendingCount = updated - primaryRunning,
            FailedTasks = failedTasks,
            CreatedAt = createdAt,
        };

        var rollingBack = observation.EffectiveTaskDefinition != observation.RequestedTaskDefinition;
        (primary.RolloutState, primary.RolloutStateReason) = RolloutState(observation, samePrimary, failedTasks, rollingBack);
        primary.UpdatedAt = samePrimary is not null && samePrimary.RolloutState == primary.RolloutState
            && samePrimary.RunningCount == primary.RunningCount && samePrimary.PendingCount == primary.PendingCount
                ? samePrimary.UpdatedAt
                : observation.Now;

        var deployments = new List<ServiceDeployment> { primary };
        var primaryDone = primary.RolloutState == Completed;
        foreach (var d in previousDeployments.Where(d => d.TaskDefinition != observation.EffectiveTaskDefinition))
        {
            if (d.RolloutState == Failed && d.TaskDefinition == observation.RequestedTaskDefinition)
            {
                // Remembered while the service still asks for the failed revision: it is why we rolled back.
                deployments.Add(Clone(d, Inactive, 0, 0, d.UpdatedAt));
            }
            else if (!primaryDone && d.RolloutState == Completed)
            {
                var oldRunning = Math.Max(0, ready - primaryRunning);
                var oldPending = Math.Max(0, current - updated - oldRunning);
                var changed = d.RunningCount != oldRunning || d.PendingCount != oldPending || d.Status != Active;
                deployments.Add(Clone(d, Active, oldRunning, oldPending, changed ? observation.Now : d.UpdatedAt));
            }
        }

        var name = observation.ServiceName;
        if (samePrimary is null && previousPrimary is not null)
        {
            if (rollingBack && previousPrimary.TaskDefinition == observation.RequestedTaskDefinition)
            {
                events.Add(new(EcsEvents.RolloutFailed, $"service {name} (deployment {previousPrimary.Id}) rolling back to {observation.EffectiveTaskDefinition} because the deployment circuit breaker detected a failure."));
            }
            else
            {
                events.Add(new(EcsEvents.ServiceProgress, $"service {name} has begun a deployment of {observation.EffectiveTaskDefinition} (deployment {primary.Id})."));
            }
        }

        var previousTotal = (previous.RunningCount ?? 0) + (previous.PendingCount ?? 0);
        if (current > previousTotal)
        {
            events.Add(new(EcsEvents.ServiceProgress, $"service {name} has started {current - previousTotal} tasks."));
        }
        else if (observation.Previous is not null && current < previousTotal)
        {
            events.Add(new(EcsEvents.ServiceProgress, $"service {name} has stopped {previousTotal - current} running tasks."));
        }

        if (observation.NewlyFailedTasks > 0)
        {
            events.Add(new(EcsEvents.ServiceProgress, $"service {name} has stopped {observation.NewlyFailedTasks} running tasks: an essential container exited."));
        }

        if (primary.RolloutState == Failed && samePrimary?.RolloutState != Failed)
        {
            events.Add(new(EcsEvents.RolloutFailed, $"service {name} (deployment {primary.Id}) deployment failed: {primary.RolloutStateReason}"));
        }

        var scaling = ScalingStatus(observation.Scaling, previous.AutoScaling, name, events);

        var steady = primaryDone && primaryRunning == observation.DesiredCount && current == observation.DesiredCount;
        var wasSteady = Conditions.IsTrue(previous.Conditions, ConditionTypes.Ready)
            && previous.TaskDefinition == observation.EffectiveTaskDefinition;
        if (steady && !wasSteady)
        {
            events.Add(new(EcsEvents.ServiceProgress, $"service {name} has reached a steady state."));
        }

        var status = new EcsServiceStatus
        {
            ObservedGeneration = observation.Generation,
            Status = "ACTIVE",
            TaskDefinition = observation.EffectiveTaskDefinition,
            DesiredCount = observation.DesiredCount,
            RunningCount = ready,
            PendingCount = current - ready,
            Selector = observation.Selector,
            Deployments = deployments,
            AutoScaling = scaling,
            Events = MergeEvents(previous.Events, [.. events.Select(e => e.Message)], observation),
            Translation = previous.Translation,
            Conditions = ServiceConditions(previous.Conditions, primary, steady, rollingBack, observation),
        };
        return new ServiceStatusResult(status, events);
    }

    /// <summary>
    /// The scalable target's status, and an event for each scheduled action that ran since the last one the previous
    /// status records (only the latest when it records none): the status, not memory, says what was announced, so a
    /// restart announces nothing twice.
    /// </summary>
    private static ServiceScalingStatus? ScalingStatus(
        ScheduledScalingResult? scaling, ServiceScalingStatus? previous, string service, List<ServiceEventNotice> events)
    {
        if (scaling is null)
        {
            return null;
        }

        var announced = previous?.LastScheduledAction?.Time;
        var last = scaling.Last;
        foreach (var run in scaling.Ran)
        {
            var time = Seconds(run.Time);
            if (announced is { } until ? time > until : run.Time == last!.Time)
            {
                events.Add(new(
                    run.Applied ? EcsEvents.ScheduledActionSucceeded : EcsEvents.ScheduledActionFailed,
                    $"{run.Message} (service {service}, scheduled action {run.Name} at {time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)})."));
            }
        }

        return new ServiceScalingStatus
        {
            MinCapacity = scaling.MinCapacity,
            MaxCapacity = scaling.MaxCapacity,
            LastScheduledAction = last is null ? null : new ScheduledActionRun
            {
                ScheduledActionName = last.Name,
                Time = Seconds(last.Time),
                StatusCode = last.Applied ? ScheduledActionRun.Successful : ScheduledActionRun.Failed,
                StatusMessage = last.Message,
            },
            NextScheduledAction = scaling.Next is { } next
                ? new ScheduledActionRun { ScheduledActionName = next.Name, Time = Seconds(next.Time) }
                : null,
        };
    }

    /// <summary>A UTC time in whole seconds, as the API server keeps it.</summary>
    private static DateTime Seconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static (string State, string Reason) RolloutState(
        ServiceObservation observation, ServiceDeployment? samePrimary, int failedTasks, bool rollingBack)
    {
        if (samePrimary?.RolloutState is Completed or Failed)
        {
            return (samePrimary.RolloutState, samePrimary.RolloutStateReason ?? string.Empty);
        }

        if (observation.CircuitBreakerEnabled && failedTasks >= FailureThreshold(observation.DesiredCount))
        {
            return (Failed, $"tasks failed to start: {failedTasks} tasks stopped (threshold {FailureThreshold(observation.DesiredCount)}).");
        }

        if (observation.CircuitBreakerEnabled && observation.Workloads.Any(w => w.ProgressDeadlineExceeded && w.TaskDefinition == observation.EffectiveTaskDefinition))
        {
            return (Failed, "tasks did not become healthy within the progress deadline.");
        }

        var done = observation.Workloads.Count > 0
            && observation.Workloads.All(w => w.Observed && w.TaskDefinition == observation.EffectiveTaskDefinition
                && w.Updated == w.Desired && w.Current == w.Desired && w.Available == w.Desired)
            && observation.Workloads.Sum(w => w.Desired) == observation.DesiredCount;
        if (done)
        {
            return (Completed, rollingBack ? "ECS deployment circuit breaker: rolled back to this revision." : "ECS deployment completed.");
        }

        return (InProgress, rollingBack ? "ECS deployment circuit breaker: rolling back." : "ECS deployment in progress.");
    }

    private static List<Condition> ServiceConditions(
        IReadOnlyList<Condition>? previous, ServiceDeployment primary, bool steady, bool rollingBack, ServiceObservation observation)
    {
        var generation = observation.Generation;
        var conditions = Conditions.Set(previous, ConditionTypes.Ready, steady,
            steady ? ConditionReasons.SteadyState : primary.RolloutState == Failed ? ConditionReasons.RolloutFailed : ConditionReasons.RolloutInProgress,
            steady ? $"service {observation.ServiceName} has reached a steady state." : $"{primary.RunningCount} of {observation.DesiredCount} tasks of {primary.TaskDefinition} running.",
            generation, observation.Now);
        var progressing = primary.RolloutState == InProgress;
        conditions = Conditions.Set(conditions, ConditionTypes.Progressing, progressing,
            primary.RolloutState switch
            {
                InProgress => ConditionReasons.RolloutInProgress,
                Failed => ConditionReasons.RolloutFailed,
                _ => ConditionReasons.RolloutCompleted,
            },
            primary.RolloutStateReason ?? string.Empty, generation, observation.Now);
        var degraded = primary.RolloutState == Failed || rollingBack;
        var degradedMessage = rollingBack
            ? $"{observation.RequestedTaskDefinition} failed to deploy; the service runs {observation.EffectiveTaskDefinition}."
            : degraded ? primary.RolloutStateReason ?? string.Empty : "No problems.";
        conditions = Conditions.Set(conditions, ConditionTypes.Degraded, degraded,
            rollingBack ? ConditionReasons.RolledBack : degraded ? ConditionReasons.RolloutFailed : ConditionReasons.Reconciled,
            degradedMessage, generation, observation.Now);
        return PodsAdmitted(conditions, observation);
    }

    /// <summary>
    /// PodsAdmitted False with the refusal's message while a workload's pods are refused (it would otherwise stay in a
    /// ReplicaSet's events); True once they are created again. Absent while no refusal was ever seen, so statuses of
    /// services that never met one do not change.
    /// </summary>
    private static List<Condition> PodsAdmitted(List<Condition> conditions, ServiceObservation observation)
    {
        var refused = observation.Workloads.FirstOrDefault(w => w.PodsRefused is not null);
        if (refused is null && Conditions.Find(conditions, ConditionTypes.PodsAdmitted) is null)
        {
            return conditions;
        }

        return Conditions.Set(conditions, ConditionTypes.PodsAdmitted, refused is null,
            refused is null ? ConditionReasons.PodsCreated : ConditionReasons.PodsRefused,
            refused is null ? "Kubernetes creates the service's pods." : $"Kubernetes refuses the pods of {refused.Name}: {refused.PodsRefused}",
            observation.Generation, observation.Now);
    }

    /// <summary>
    /// The new events before the previous ones. An id follows from the newest previous event's id, so two passes
    /// within one second (times are kept in whole seconds) that say the same thing get different ids, while a pass
    /// repeated on the same status (a retry) gets the same ones.
    /// </summary>
    private static List<ServiceEvent> MergeEvents(IReadOnlyList<ServiceEvent>? previous, List<string> messages, ServiceObservation observation)
    {
        var taken = (previous ?? []).Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var after = previous is [{ Id: { } newest }, ..] ? newest : string.Empty;
        var fresh = new List<ServiceEvent>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var id = EventId(observation.ServiceUid, after, messages[i], observation.Now, i);
            while (!taken.Add(id))
            {
                // Only an event kept from before the id followed the newest one can be equal.
                id = EventId(observation.ServiceUid, id, messages[i], observation.Now, i);
            }

            fresh.Add(new ServiceEvent { Id = id, CreatedAt = observation.Now, Message = messages[i] });
        }

        fresh.Reverse();
        return [.. fresh.Concat(previous ?? []).Take(MaxEvents)];
    }

    private static ServiceDeployment Clone(ServiceDeployment d, string status, int running, int pending, DateTime? updatedAt) => new()
    {
        Id = d.Id,
        Status = status,
        TaskDefinition = d.TaskDefinition,
        DesiredCount = status == Inactive ? 0 : d.DesiredCount,
        RunningCount = running,
        PendingCount = pending,
        FailedTasks = d.FailedTasks,
        RolloutState = d.RolloutState,
        RolloutStateReason = d.RolloutStateReason,
        CreatedAt = d.CreatedAt,
        UpdatedAt = updatedAt,
    };

    /// <summary>ECS-looking deployment id (ecs-svc/ and 19 digits), stable for the same service, revision and start.</summary>
    public static string DeploymentId(string serviceUid, string taskDefinition, DateTime createdAt)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{serviceUid}/{taskDefinition}/{createdAt.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}"));
        var number = BitConverter.ToUInt64(bytes, 0) % 9_000_000_000_000_000_000UL + 1_000_000_000_000_000_000UL;
        return "ecs-svc/" + number.ToString(CultureInfo.InvariantCulture);
    }

    private static string EventId(string serviceUid, string after, string message, DateTime at, int index) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{serviceUid}/{after}/{at.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}/{index.ToString(CultureInfo.InvariantCulture)}/{message}")))[..32];
}
