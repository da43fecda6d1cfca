namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LinearConfiguration
{
    public double? StepPercent { get; set; }

    public int? StepBakeTimeInMinutes { get; set; }
}
