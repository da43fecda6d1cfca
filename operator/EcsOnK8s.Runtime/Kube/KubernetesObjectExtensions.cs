using EcsOnK8s.Runtime.Informers;
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

    /// <summary>
    /// True when an update from <paramref name="before"/> to <paramref name="after"/> can have changed nothing but the
    /// status: both are the same object (UID) and have the same generation (objects without one never qualify),
    /// labels, annotations, finalizers, owner references and deletion timestamp.
    /// </summary>
    public static bool OnlyStatusChanged(V1ObjectMeta? before, V1ObjectMeta? after) =>
        before is not null && after is not null
        && before.Uid == after.Uid
        && before.Generation is not null
        && before.Generation == after.Generation
        && before.DeletionTimestamp == after.DeletionTimestamp
        && SameEntries(before.Labels, after.Labels)
        && SameEntries(before.Annotations, after.Annotations)
        && (before.Finalizers ?? []).SequenceEqual(after.Finalizers ?? [], StringComparer.Ordinal)
        && (before.OwnerReferences ?? []).Select(o => o.Uid).SequenceEqual((after.OwnerReferences ?? []).Select(o => o.Uid), StringComparer.Ordinal);

    /// <summary>True for an update whose old and new objects differ in nothing but the status (<see cref="OnlyStatusChanged"/>).</summary>
    public static bool IsStatusOnlyUpdate<T>(this ResourceEvent<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        change?.OldObject is { } old && OnlyStatusChanged(old.Metadata, change.Object.Metadata);

    private static bool SameEntries(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0)
        && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
