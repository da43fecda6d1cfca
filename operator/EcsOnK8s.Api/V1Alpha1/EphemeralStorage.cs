using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EphemeralStorage
{
    /// <summary>Ephemeral storage of the task, in GiB (21 to 200).</summary>
    [SchemaRange(21, 200)]
    public int? SizeInGiB { get; set; }
}
