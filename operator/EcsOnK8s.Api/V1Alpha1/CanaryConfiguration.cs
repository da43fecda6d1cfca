namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CanaryConfiguration
{
    public double? CanaryPercent { get; set; }

    public int? CanaryBakeTimeInMinutes { get; set; }
}
