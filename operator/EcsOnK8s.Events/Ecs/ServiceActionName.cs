namespace EcsOnK8s.Events.Ecs;

/// <summary>The eventName of an "ECS Service Action" event.</summary>
public enum ServiceActionName
{
    ServiceSteadyState,
    TasksetSteadyState,
    CapacityProviderSteadyState,
    ServiceDesiredCountUpdated,
    TasksStopped,
    ServiceTaskStartImpaired,
    ServiceDiscoveryInstanceUnhealthy,
    ServiceDaemonPlacementConstraintViolated,
    EcsOperationThrottled,
    ServiceDiscoveryOperationThrottled,
    ServiceTaskPlacementFailure,
    ServiceTaskConfigurationFailure,
}
