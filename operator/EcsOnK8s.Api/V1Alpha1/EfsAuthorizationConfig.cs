using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EfsAuthorizationConfig
{
    public string? AccessPointId { get; set; }

    [EnumValues("ENABLED", "DISABLED")]
    public string? Iam { get; set; }
}
