namespace EcsOnK8s.Api.V1Alpha1;

public sealed class VpcLatticeConfiguration
{
    public string? RoleArn { get; set; }

    public string? TargetGroupArn { get; set; }

    public string? PortName { get; set; }
}
