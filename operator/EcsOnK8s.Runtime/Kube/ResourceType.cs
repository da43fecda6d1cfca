using System.Reflection;
using k8s.Models;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>
/// A served resource: group, version, plural and kind, and whether it lives in a namespace. Builds REST paths.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Kind">Kind in objects, e.g. <c>Deployment</c>.</param>
/// <param name="Namespaced">False for cluster-scoped resources (PersistentVolume, Namespace, ...).</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
{
    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection URL path (no leading slash) in a namespace, or across all namespaces when null.</summary>
    public string CollectionPath(string? @namespace)
    {
        var prefix = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(@namespace)
            ? $"{prefix}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}"
            : $"{prefix}/{Plural}";
    }

    /// <summary>The URL path (no leading slash) of one object.</summary>
    public string ObjectPath(ObjectKey key)
    {
        if (Namespaced && key.Namespace.Length == 0)
        {
            throw new ArgumentException($"{Kind} is namespaced but {key} has no namespace", nameof(key));
        }

        return $"{CollectionPath(Namespaced ? key.Namespace : null)}/{Uri.EscapeDataString(key.Name)}";
    }

    /// <summary>
    /// The resource of a model class from its <see cref="KubernetesEntityAttribute"/>; scope from
    /// <see cref="ResourceTypes"/> when the kind is known there (cluster-scoped kinds), namespaced otherwise.
    /// </summary>
    public static ResourceType For<T>() => For(typeof(T));

    /// <inheritdoc cref="For{T}()"/>
    public static ResourceType For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [KubernetesEntity] attribute", nameof(type));
        var group = entity.Group ?? string.Empty;
        if (ResourceTypes.TryFind(group.Length == 0 ? entity.ApiVersion : $"{group}/{entity.ApiVersion}", entity.Kind, out var known))
        {
            return known;
        }

        return new ResourceType(group, entity.ApiVersion, entity.PluralName, entity.Kind);
    }
}
