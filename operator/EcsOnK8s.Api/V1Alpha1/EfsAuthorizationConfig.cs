using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EfsAuthorizationConfig
{
    /// <summary>The EFS access point to mount through.</summary>
    public string? AccessPointId { get; set; }

    /// <summary>Whether the task's IAM role is used when mounting: ENABLED or DISABLED.</summary>
    [EnumValues("ENABLED", "DISABLED")]
    public string? Iam { get; set; }
}
