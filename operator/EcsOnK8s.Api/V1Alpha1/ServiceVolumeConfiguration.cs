namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceVolumeConfiguration
{
    /// <summary>The task definition volume (configuredAtLaunch) this configures.</summary>
    public string? Name { get; set; }

    /// <summary>The EBS volume ECS creates for each task (see docs/translation.md for its Kubernetes form).</summary>
    public ServiceManagedEbsVolumeConfiguration? ManagedEBSVolume { get; set; }
}
