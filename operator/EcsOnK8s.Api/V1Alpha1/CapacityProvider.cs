using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class CapacityProvider
{
    /// <summary>FARGATE, FARGATE_SPOT, EC2 or any name that strategies refer to.</summary>
    [SchemaRequired]
    public string? Name { get; set; }

    /// <summary>Node labels the tasks of this capacity provider must run on (the pods' nodeSelector).</summary>
    public Dictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Tolerations the tasks of this capacity provider get, so that they can run on tainted nodes (Kubernetes tolerations).</summary>
    [PreserveUnknownFields]
    public List<V1Toleration>? Tolerations { get; set; }

    /// <summary>Affinity the tasks of this capacity provider get (a Kubernetes Affinity, merged with placement constraints).</summary>
    [PreserveUnknownFields]
    public V1Affinity? Affinity { get; set; }

    /// <summary>The PriorityClass of this capacity provider's pods.</summary>
    public string? PriorityClassName { get; set; }

    /// <summary>The RuntimeClass of this capacity provider's pods.</summary>
    public string? RuntimeClassName { get; set; }
}
