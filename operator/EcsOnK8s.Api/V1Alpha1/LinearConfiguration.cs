using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LinearConfiguration
{
    /// <summary>The percentage of tasks moved to the new revision at each step.</summary>
    public double? StepPercent { get; set; }

    /// <summary>Minutes to wait between steps.</summary>
    [SchemaRange(0, 1440)]
    public int? StepBakeTimeInMinutes { get; set; }
}
