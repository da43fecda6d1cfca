namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TargetTrackingPolicy
{
    public string? PolicyName { get; set; }

    public double? TargetValue { get; set; }

    public PredefinedMetricSpecification? PredefinedMetricSpecification { get; set; }

    public CustomizedMetricSpecification? CustomizedMetricSpecification { get; set; }

    public int? ScaleOutCooldown { get; set; }

    public int? ScaleInCooldown { get; set; }

    public bool? DisableScaleIn { get; set; }
}
