namespace EcsOnK8s.Api.V1Alpha1;

public sealed class VolumeFrom
{
    /// <summary>The container whose volumes are mounted.</summary>
    public string? SourceContainer { get; set; }

    /// <summary>Whether they are mounted read-only.</summary>
    public bool? ReadOnly { get; set; }
}
