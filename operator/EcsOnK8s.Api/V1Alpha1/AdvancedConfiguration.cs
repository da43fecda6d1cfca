namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Blue/green traffic shifting of a load balancer target: the alternate target group and listener rules.</summary>
public sealed class AdvancedConfiguration
{
    public string? AlternateTargetGroupArn { get; set; }

    public string? ProductionListenerRule { get; set; }

    public string? TestListenerRule { get; set; }

    public string? RoleArn { get; set; }
}
