namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceVolumeConfiguration
{
    public string? Name { get; set; }

    public ServiceManagedEbsVolumeConfiguration? ManagedEBSVolume { get; set; }
}
