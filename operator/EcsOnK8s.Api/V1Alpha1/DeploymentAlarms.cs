namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentAlarms
{
    public List<string>? AlarmNames { get; set; }

    public bool? Rollback { get; set; }

    public bool? Enable { get; set; }
}
