namespace EcsOnK8s.Events.Ecs;

/// <summary>The source and detail types of the ECS events the operator emits, as ECS names them.</summary>
public static class EcsDetailTypes
{
    public const string Source = "aws.ecs";
    public const string TaskStateChange = "ECS Task State Change";
    public const string ServiceAction = "ECS Service Action";
    public const string DeploymentStateChange = "ECS Deployment State Change";
}
