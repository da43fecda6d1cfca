namespace EcsOnK8s.Api.V1Alpha1;

public sealed class HostVolumeProperties
{
    /// <summary>The host path mounted; refused unless the cluster's policy allows host paths.</summary>
    public string? SourcePath { get; set; }
}
