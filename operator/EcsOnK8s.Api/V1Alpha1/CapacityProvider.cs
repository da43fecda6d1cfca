using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CapacityProvider
{
    /// <summary>FARGATE, FARGATE_SPOT, EC2 or any name that strategies refer to.</summary>
    [SchemaRequired]
    public string? Name { get; set; }

    public Dictionary<string, string>? NodeSelector { get; set; }

    [PreserveUnknownFields]
    public List<V1Toleration>? Tolerations { get; set; }

    [PreserveUnknownFields]
    public V1Affinity? Affinity { get; set; }

    public string? PriorityClassName { get; set; }

    public string? RuntimeClassName { get; set; }
}
