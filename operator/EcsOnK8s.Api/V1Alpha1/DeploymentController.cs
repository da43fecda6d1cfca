using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentController
{
    /// <summary>Who deploys the service: ECS, CODE_DEPLOY or EXTERNAL.</summary>
    [EnumValues("ECS", "CODE_DEPLOY", "EXTERNAL")]
    public string? Type { get; set; }
}
