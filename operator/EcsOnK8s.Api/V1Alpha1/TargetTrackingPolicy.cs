namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TargetTrackingPolicy
{
    /// <summary>The policy's name.</summary>
    public string? PolicyName { get; set; }

    /// <summary>The value the metric is kept at.</summary>
    public double? TargetValue { get; set; }

    /// <summary>A predefined metric: average CPU or memory utilization, or ALB requests per target.</summary>
    public PredefinedMetricSpecification? PredefinedMetricSpecification { get; set; }

    /// <summary>A custom metric to track.</summary>
    public CustomizedMetricSpecification? CustomizedMetricSpecification { get; set; }

    /// <summary>Seconds after a scale-out before another may start.</summary>
    public int? ScaleOutCooldown { get; set; }

    /// <summary>Seconds after a scale-in before another may start.</summary>
    public int? ScaleInCooldown { get; set; }

    /// <summary>Whether the policy never scales in.</summary>
    public bool? DisableScaleIn { get; set; }
}
