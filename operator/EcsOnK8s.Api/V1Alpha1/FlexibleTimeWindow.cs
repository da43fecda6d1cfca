using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FlexibleTimeWindow
{
    [EnumValues("OFF", "FLEXIBLE")]
    public string? Mode { get; set; }

    [SchemaRange(1, 1440)]
    public int? MaximumWindowInMinutes { get; set; }
}
