namespace EcsOnK8s.Events.Ecs;

/// <summary>The text ECS writes for each enumerated value, and the severities ECS documents for each event name.</summary>
public static class EcsEventText
{
    public static string Of(TaskState state) => state switch
    {
        TaskState.Provisioning => "PROVISIONING",
        TaskState.Pending => "PENDING",
        TaskState.Activating => "ACTIVATING",
        TaskState.Running => "RUNNING",
        TaskState.Deactivating => "DEACTIVATING",
        TaskState.Stopping => "STOPPING",
        TaskState.Deprovisioning => "DEPROVISIONING",
        TaskState.Stopped => "STOPPED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Of(TaskStopCode code) => code switch
    {
        TaskStopCode.TaskFailedToStart => "TaskFailedToStart",
        TaskStopCode.EssentialContainerExited => "EssentialContainerExited",
        TaskStopCode.UserInitiated => "UserInitiated",
        TaskStopCode.ServiceSchedulerInitiated => "ServiceSchedulerInitiated",
        TaskStopCode.SpotInterruption => "SpotInterruption",
        TaskStopCode.TerminationNotice => "TerminationNotice",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    public static string Of(EcsEventType type) => type switch
    {
        EcsEventType.Info => "INFO",
        EcsEventType.Warn => "WARN",
        EcsEventType.Error => "ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Of(ServiceActionName name) => name switch
    {
        ServiceActionName.ServiceSteadyState => "SERVICE_STEADY_STATE",
        ServiceActionName.TasksetSteadyState => "TASKSET_STEADY_STATE",
        ServiceActionName.CapacityProviderSteadyState => "CAPACITY_PROVIDER_STEADY_STATE",
        ServiceActionName.ServiceDesiredCountUpdated => "SERVICE_DESIRED_COUNT_UPDATED",
        ServiceActionName.TasksStopped => "TASKS_STOPPED",
        ServiceActionName.ServiceTaskStartImpaired => "SERVICE_TASK_START_IMPAIRED",
        ServiceActionName.ServiceDiscoveryInstanceUnhealthy => "SERVICE_DISCOVERY_INSTANCE_UNHEALTHY",
        ServiceActionName.ServiceDaemonPlacementConstraintViolated => "SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED",
        ServiceActionName.EcsOperationThrottled => "ECS_OPERATION_THROTTLED",
        ServiceActionName.ServiceDiscoveryOperationThrottled => "SERVICE_DISCOVERY_OPERATION_THROTTLED",
        ServiceActionName.ServiceTaskPlacementFailure => "SERVICE_TASK_PLACEMENT_FAILURE",
        ServiceActionName.ServiceTaskConfigurationFailure => "SERVICE_TASK_CONFIGURATION_FAILURE",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static string Of(DeploymentEventName name) => name switch
    {
        DeploymentEventName.ServiceDeploymentInProgress => "SERVICE_DEPLOYMENT_IN_PROGRESS",
        DeploymentEventName.ServiceDeploymentCompleted => "SERVICE_DEPLOYMENT_COMPLETED",
        DeploymentEventName.ServiceDeploymentFailed => "SERVICE_DEPLOYMENT_FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>
    /// The eventType of a service action. ECS's documentation lists SERVICE_TASK_PLACEMENT_FAILURE under ERROR but
    /// its example event (what rules are written against) says WARN; the example wins.
    /// </summary>
    public static EcsEventType TypeOf(ServiceActionName name) => name switch
    {
        ServiceActionName.ServiceSteadyState or ServiceActionName.TasksetSteadyState
            or ServiceActionName.CapacityProviderSteadyState or ServiceActionName.ServiceDesiredCountUpdated
            or ServiceActionName.TasksStopped => EcsEventType.Info,
        ServiceActionName.ServiceTaskStartImpaired or ServiceActionName.ServiceDiscoveryInstanceUnhealthy
            or ServiceActionName.ServiceTaskPlacementFailure => EcsEventType.Warn,
        _ => EcsEventType.Error,
    };

    /// <summary>A failed deployment is an ERROR; in progress and completed are INFO.</summary>
    public static EcsEventType TypeOf(DeploymentEventName name) =>
        name == DeploymentEventName.ServiceDeploymentFailed ? EcsEventType.Error : EcsEventType.Info;
}
