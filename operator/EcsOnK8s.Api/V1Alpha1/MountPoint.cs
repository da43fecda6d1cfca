namespace EcsOnK8s.Api.V1Alpha1;

public sealed class MountPoint
{
    public string? SourceVolume { get; set; }

    public string? ContainerPath { get; set; }

    public bool? ReadOnly { get; set; }
}
