namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Blue/green traffic shifting of a load balancer target: the alternate target group and listener rules.</summary>
public sealed class AdvancedConfiguration
{
    /// <summary>The alternate target group of a blue/green deployment (ECS-native blue/green). Recorded; no Kubernetes load balancer is configured from it.</summary>
    public string? AlternateTargetGroupArn { get; set; }

    /// <summary>The listener rule that routes production traffic in a blue/green deployment. Recorded only.</summary>
    public string? ProductionListenerRule { get; set; }

    /// <summary>The listener rule that routes test traffic in a blue/green deployment. Recorded only.</summary>
    public string? TestListenerRule { get; set; }

    /// <summary>The IAM role ECS uses to change the listener rules in a blue/green deployment. Recorded only.</summary>
    public string? RoleArn { get; set; }
}
