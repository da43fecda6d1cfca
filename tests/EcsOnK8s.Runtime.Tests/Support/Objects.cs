using k8s.Models;

namespace EcsOnK8s.Runtime.Tests.Support;

internal static class Objects
{
    public static V1ConfigMap ConfigMap(string name, string @namespace = "default", string? value = null, long? generation = null, V1OwnerReference? owner = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = @namespace,
            Uid = $"uid-{@namespace}-{name}",
            Generation = generation,
            OwnerReferences = owner is null ? null : [owner],
        },
        Data = value is null ? null : new Dictionary<string, string> { ["value"] = value },
    };

    public static V1OwnerReference ControllerOf(V1ConfigMap owner) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
    };
}
