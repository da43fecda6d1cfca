using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class AwsVpcConfiguration
{
    /// <summary>The subnets of the task's network interface. No Kubernetes equivalent: pods use the cluster's network.</summary>
    public List<string>? Subnets { get; set; }

    /// <summary>The security groups of the task's network interface. No Kubernetes equivalent (use NetworkPolicies).</summary>
    public List<string>? SecurityGroups { get; set; }

    /// <summary>Whether the task's network interface gets a public IP: ENABLED or DISABLED (ECS default DISABLED). No Kubernetes equivalent.</summary>
    [EnumValues("ENABLED", "DISABLED")]
    public string? AssignPublicIp { get; set; }
}
