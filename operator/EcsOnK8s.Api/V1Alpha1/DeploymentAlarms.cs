namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentAlarms
{
    /// <summary>CloudWatch alarms that fail a deployment when they go off. Recorded only: no alarm source on Kubernetes.</summary>
    public List<string>? AlarmNames { get; set; }

    /// <summary>Whether a deployment failed by an alarm is rolled back.</summary>
    public bool? Rollback { get; set; }

    /// <summary>Whether the alarms are watched during deployments.</summary>
    public bool? Enable { get; set; }
}
