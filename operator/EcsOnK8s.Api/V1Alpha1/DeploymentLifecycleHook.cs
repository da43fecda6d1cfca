namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentLifecycleHook
{
    public string? HookTargetArn { get; set; }

    public string? RoleArn { get; set; }

    public List<string>? LifecycleStages { get; set; }
}
