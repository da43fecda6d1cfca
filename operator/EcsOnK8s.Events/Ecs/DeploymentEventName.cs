namespace EcsOnK8s.Events.Ecs;

/// <summary>The eventName of an "ECS Deployment State Change" event.</summary>
public enum DeploymentEventName
{
    ServiceDeploymentInProgress,
    ServiceDeploymentCompleted,
    ServiceDeploymentFailed,
}
