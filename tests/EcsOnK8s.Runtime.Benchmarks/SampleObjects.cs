using k8s.Models;

namespace EcsOnK8s.Runtime.Benchmarks;

/// <summary>ConfigMaps shaped like what an operator caches: labels, annotations, an owner, ~2 KB of JSON.</summary>
internal static class SampleObjects
{
    public static V1ConfigMap ConfigMap(string @namespace, int index, bool withServerFields) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = $"service-{index:D5}-config",
            NamespaceProperty = @namespace,
            Uid = withServerFields ? Guid.NewGuid().ToString() : null,
            ResourceVersion = withServerFields ? (1000 + index).ToString() : null,
            CreationTimestamp = withServerFields ? DateTime.UtcNow : null,
            Labels = new Dictionary<string, string>
            {
                ["app.kubernetes.io/name"] = $"service-{index:D5}",
                ["app.kubernetes.io/instance"] = $"service-{index:D5}",
                ["app.kubernetes.io/managed-by"] = "ecsonk8s",
                ["ecsonk8s.io/service"] = $"service-{index:D5}",
                ["ecsonk8s.io/cluster"] = "default",
            },
            Annotations = new Dictionary<string, string>
            {
                ["ecsonk8s.io/desired-hash"] = Guid.NewGuid().ToString("N"),
                ["ecsonk8s.io/task-definition"] = $"family-{index % 50}:{index % 7 + 1}",
            },
            OwnerReferences = withServerFields
                ? [new V1OwnerReference { ApiVersion = "ecsonk8s.io/v1alpha1", Kind = "EcsService", Name = $"service-{index:D5}", Uid = Guid.NewGuid().ToString(), Controller = true, BlockOwnerDeletion = true }]
                : null,
        },
        Data = Enumerable.Range(0, 12).ToDictionary(
            i => $"ENV_VARIABLE_{i:D2}",
            i => $"value-{index}-{i}-" + new string((char)('a' + (i % 26)), 80)),
    };
}
