using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class AwsVpcConfiguration
{
    public List<string>? Subnets { get; set; }

    public List<string>? SecurityGroups { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? AssignPublicIp { get; set; }
}
