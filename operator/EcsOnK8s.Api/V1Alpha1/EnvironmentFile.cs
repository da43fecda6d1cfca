using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EnvironmentFile
{
    /// <summary>The S3 object holding the environment file.</summary>
    public string? Value { get; set; }

    /// <summary>The file's location type: s3.</summary>
    [EnumValues("s3")]
    public string? Type { get; set; }
}
