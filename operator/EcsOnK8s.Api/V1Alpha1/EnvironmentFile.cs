using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EnvironmentFile
{
    public string? Value { get; set; }

    [EnumValues("s3")]
    public string? Type { get; set; }
}
