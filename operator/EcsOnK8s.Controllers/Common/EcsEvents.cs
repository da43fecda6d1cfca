using EcsOnK8s.Api;
using EcsOnK8s.Runtime.Events;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Every Kubernetes Event the EcsOnK8s controllers record: its type and reason. A message says what happened in
/// words; whether it is a Warning is decided here, by which event it is.
/// </summary>
public static class EcsEvents
{
    /// <summary>A task definition spec was registered as a new revision.</summary>
    public static readonly EventKind RevisionRegistered = new(EventType.Normal, "RevisionRegistered");

    /// <summary>An auto scaled service without desiredCount could not have it seeded (the operator may not patch EcsServices).</summary>
    public static readonly EventKind DesiredCountNotSeeded = new(EventType.Warning, "DesiredCountNotSeeded");

    /// <summary>A task definition spec was refused; nothing was registered.</summary>
    public static readonly EventKind InvalidSpec = new(EventType.Warning, ConditionReasons.InvalidSpec);

    /// <summary>A child's name is held by an object EcsOnK8s may not write.</summary>
    public static readonly EventKind ChildNameConflict = new(EventType.Warning, ConditionReasons.ChildNameConflict);

    /// <summary>The API server refused a child as rendered (invalid, or a field it cannot change); it waits for an edit.</summary>
    public static readonly EventKind ChildRejected = new(EventType.Warning, ConditionReasons.ChildRejected);

    /// <summary>The current spec of the task definition a workload follows was refused; it keeps the latest registered revision.</summary>
    public static readonly EventKind TaskDefinitionInvalid = new(EventType.Warning, ConditionReasons.TaskDefinitionInvalid);

    /// <summary>A RunTask's Jobs were created.</summary>
    public static readonly EventKind TasksStarted = new(EventType.Normal, "TasksStarted");

    /// <summary>A task was stopped because one of its essential containers exited.</summary>
    public static readonly EventKind EssentialContainerExited = new(EventType.Warning, "EssentialContainerExited");

    /// <summary>A task was stopped because Kubernetes refused its pod past the start timeout.</summary>
    public static readonly EventKind TaskFailedToStart = new(EventType.Warning, "TaskFailedToStart");

    /// <summary>Fire times of a schedule passed without a run (longer ago than the catch-up window): never replayed.</summary>
    public static readonly EventKind RunsMissed = new(EventType.Warning, "RunsMissed");

    /// <summary>A schedule's run could not start within the target's maximum event age: dropped.</summary>
    public static readonly EventKind RunDropped = new(EventType.Warning, "RunDropped");

    /// <summary>A schedule with actionAfterCompletion DELETE was deleted after its last run.</summary>
    public static readonly EventKind ScheduleCompleted = new(EventType.Normal, "ScheduleCompleted");

    /// <summary>A service event of the ECS kind that reports progress (a deployment began, tasks started, steady state).</summary>
    public static readonly EventKind ServiceProgress = new(EventType.Normal, "ServiceEvent");

    /// <summary>A service deployment failed, or the circuit breaker rolls it back.</summary>
    public static readonly EventKind RolloutFailed = new(EventType.Warning, ConditionReasons.RolloutFailed);

    /// <summary>A scheduled scaling action set the service's capacity bounds.</summary>
    public static readonly EventKind ScheduledActionSucceeded = new(EventType.Normal, "ScheduledActionSucceeded");

    /// <summary>A scheduled scaling action would have left the minimum capacity above the maximum: nothing changed.</summary>
    public static readonly EventKind ScheduledActionFailed = new(EventType.Warning, "ScheduledActionFailed");

    /// <summary>An event was given up on for a target of an EcsEventRule (retries or age exhausted, refused, no invoker).</summary>
    public static readonly EventKind EventDeadLettered = new(EventType.Warning, "EventDeadLettered");

    /// <summary>An EcsEventRule's invocations per minute are used up: the event is a dead letter.</summary>
    public static readonly EventKind InvocationCapReached = new(EventType.Warning, ConditionReasons.InvocationCapReached);

    /// <summary>A stored object cannot be read into the operator's model.</summary>
    public static readonly EventKind Undecodable = new(EventType.Warning, ConditionReasons.Undecodable);

    /// <summary>A resource is not ready for <paramref name="reason"/>: a Warning when the user must act, else Normal.</summary>
    public static EventKind NotReady(string reason, bool degraded) => new(degraded ? EventType.Warning : EventType.Normal, reason);
}
