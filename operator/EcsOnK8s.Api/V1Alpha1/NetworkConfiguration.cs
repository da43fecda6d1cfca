namespace EcsOnK8s.Api.V1Alpha1;

public sealed class NetworkConfiguration
{
    /// <summary>Subnets, security groups and public IP of the task's network interface. No Kubernetes equivalent; recorded.</summary>
    public AwsVpcConfiguration? AwsvpcConfiguration { get; set; }
}
