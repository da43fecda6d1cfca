using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FlexibleTimeWindow
{
    /// <summary>OFF: runs start at the fire time; FLEXIBLE: within maximumWindowInMinutes after it.</summary>
    [EnumValues("OFF", "FLEXIBLE")]
    public string? Mode { get; set; }

    /// <summary>The window after the fire time in which a FLEXIBLE run starts (1 to 1440).</summary>
    [SchemaRange(1, 1440)]
    public int? MaximumWindowInMinutes { get; set; }
}
