namespace EcsOnK8s.Api.V1Alpha1;

public sealed class NetworkConfiguration
{
    public AwsVpcConfiguration? AwsvpcConfiguration { get; set; }
}
