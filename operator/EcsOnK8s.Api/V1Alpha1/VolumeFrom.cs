namespace EcsOnK8s.Api.V1Alpha1;

public sealed class VolumeFrom
{
    public string? SourceContainer { get; set; }

    public bool? ReadOnly { get; set; }
}
