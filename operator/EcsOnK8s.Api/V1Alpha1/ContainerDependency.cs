using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ContainerDependency
{
    public string? ContainerName { get; set; }

    [EnumValues("START", "COMPLETE", "SUCCESS", "HEALTHY")]
    public string? Condition { get; set; }
}
