namespace EcsOnK8s.Api.V1Alpha1;

public sealed class VpcLatticeConfiguration
{
    /// <summary>The IAM role ECS uses for VPC Lattice. Recorded only.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The VPC Lattice target group. Recorded only.</summary>
    public string? TargetGroupArn { get; set; }

    /// <summary>The port mapping registered. Recorded only.</summary>
    public string? PortName { get; set; }
}
