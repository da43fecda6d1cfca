namespace EcsOnK8s.Api.V1Alpha1;

public sealed class HostVolumeProperties
{
    public string? SourcePath { get; set; }
}
