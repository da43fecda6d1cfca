using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EphemeralStorage
{
    [SchemaRange(21, 200)]
    public int? SizeInGiB { get; set; }
}
