using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Kube;

/// <summary>Small helpers on Kubernetes objects.</summary>
public static class KubernetesObjectExtensions
{
    /// <summary>The owner reference marked <c>controller: true</c>, or null.</summary>
    public static V1OwnerReference? ControllerOwner(this IKubernetesObject<V1ObjectMeta> obj) =>
        obj?.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>The API group of an apiVersion (<c>apps/v1</c> → <c>apps</c>, <c>v1</c> → empty).</summary>
    public static string GroupOf(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return string.Empty;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    /// <summary>True when the object is being deleted (has a deletion timestamp).</summary>
    public static bool IsBeingDeleted(this IKubernetesObject<V1ObjectMeta> obj) => obj?.Metadata?.DeletionTimestamp is not null;
}
