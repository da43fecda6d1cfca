using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Runtime.Apply;

/// <summary>
/// Every write a reconciler makes to the cluster (children, their pruning and patches, its own status), and the reads
/// that guard them. <see cref="ChildApplier"/> is the real one; reconciler tests record calls instead.
/// </summary>
public interface IChildWriter
{
    /// <summary>Applies a child; see <see cref="ChildApplier.ApplyAsync(IKubernetesObject{V1ObjectMeta}, IKubernetesObject{V1ObjectMeta}?, bool, CancellationToken)"/>.</summary>
    Task<ApplyResult> ApplyAsync(
        IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? owner, bool shared, CancellationToken cancellationToken);

    /// <summary>Creates a child; see <see cref="ChildApplier.CreateAsync"/>. False when its name is taken.</summary>
    Task<bool> CreateAsync(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> owner, CancellationToken cancellationToken);

    /// <summary>Deletes the owner's children of <paramref name="kinds"/> that are not in <paramref name="desired"/>; how many.</summary>
    Task<int> PruneAsync(
        IKubernetesObject<V1ObjectMeta> owner, IEnumerable<ResourceType> kinds, IEnumerable<IKubernetesObject<V1ObjectMeta>> desired,
        CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the object <paramref name="cached"/> is a copy of, if it still exists (its UID as a precondition, so a
    /// successor of the same name is never deleted); true when a delete was accepted.
    /// </summary>
    Task<bool> DeleteIfExistsAsync(ResourceType type, IKubernetesObject<V1ObjectMeta> cached, CancellationToken cancellationToken);

    /// <summary>Sends a JSON merge patch to one object.</summary>
    Task PatchAsync(ResourceType type, ObjectKey key, string mergePatch, CancellationToken cancellationToken);

    /// <summary>Sends a JSON merge patch to one object's status subresource (e.g. one the typed model cannot read).</summary>
    Task PatchStatusAsync(ResourceType type, ObjectKey key, string mergePatch, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="status"/> as the status of <paramref name="live"/>; false when nothing changed.</summary>
    Task<bool> ReplaceStatusAsync<T>(T live, object? status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>The live object, whoever manages it; null when absent.</summary>
    Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceType type, ObjectKey key, CancellationToken cancellationToken);
}
