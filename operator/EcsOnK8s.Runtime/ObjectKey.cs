using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime;

/// <summary>
/// Identity of an object in a cache or a work queue: namespace (empty for cluster-scoped objects) and name.
/// Printed and parsed as <c>namespace/name</c> (or <c>name</c> when cluster-scoped).
/// </summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    /// <summary>A key for a cluster-scoped object.</summary>
    public static ObjectKey Cluster(string name) => new(string.Empty, name);

    /// <summary>The key of an object from its metadata.</summary>
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj.Metadata ?? throw new ArgumentException("the object has no metadata", nameof(obj));
        return new ObjectKey(metadata.NamespaceProperty ?? string.Empty, metadata.Name ?? string.Empty);
    }

    /// <summary>Parses <c>namespace/name</c> or <c>name</c>.</summary>
    public static ObjectKey Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? Cluster(value) : new ObjectKey(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
