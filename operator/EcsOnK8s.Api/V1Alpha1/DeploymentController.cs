using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DeploymentController
{
    [EnumValues("ECS", "CODE_DEPLOY", "EXTERNAL")]
    public string? Type { get; set; }
}
