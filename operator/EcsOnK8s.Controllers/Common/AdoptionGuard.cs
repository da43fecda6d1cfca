using EcsOnK8s.Api;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Keeps tasks off ServiceAccounts and claims EcsOnK8s did not create. A task role renders as a ServiceAccount named
/// after the role, a shared volume as a claim named after the volume; applying one onto an object of that name that
/// someone else made (the namespace's "default" account, the operator's own, one bound to wide rights, another
/// application's data) would adopt it and give the tasks its rights or its data. Such a collision refuses the
/// render before any child is written.
/// </summary>
public static class AdoptionGuard
{
    // The operator's applier marks what it writes with these options; the guard reads the same mark.
    private static readonly ApplierOptions s_applier = EcsApplierOptions.Create();

    /// <summary>
    /// The refusal (reason and message, the message naming the field that named the object) when a ServiceAccount or
    /// PersistentVolumeClaim of <paramref name="rendered"/> exists in the namespace without EcsOnK8s's managed-by
    /// label; null when every one is absent or EcsOnK8s's own.
    /// </summary>
    public static async Task<(string Reason, string Message)?> FindCollisionAsync(
        IChildWriter applier, RenderResult rendered, string? @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applier);
        ArgumentNullException.ThrowIfNull(rendered);
        foreach (var child in rendered.Objects)
        {
            var (type, reason, fallback) = child switch
            {
                V1ServiceAccount => (ResourceTypes.ServiceAccount, ConditionReasons.ServiceAccountConflict, "taskRoleArn"),
                V1PersistentVolumeClaim => (ResourceTypes.PersistentVolumeClaim, ConditionReasons.ClaimConflict, "volumes"),
                _ => (null, string.Empty, string.Empty),
            };
            if (type is null)
            {
                continue;
            }

            var key = new ObjectKey(child.Metadata.NamespaceProperty ?? @namespace ?? string.Empty, child.Metadata.Name);
            var live = await applier.GetAsync(type, key, cancellationToken).ConfigureAwait(false);
            if (IsForeign(live))
            {
                var field = rendered.Report.OriginOf(type.Kind, key.Name) ?? fallback;
                return (reason,
                    $"{field}: {type.Kind} {key.Name} already exists in namespace {key.Namespace} and was not created by EcsOnK8s; " +
                    $"tasks are never given a {type.Kind} EcsOnK8s does not own (rename what names it, or remove the existing one)");
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="live"/> exists and EcsOnK8s did not create it: it lacks the managed-by label the
    /// applier puts on everything it writes.
    /// </summary>
    public static bool IsForeign(IKubernetesObject<V1ObjectMeta>? live) => live is not null && !s_applier.IsManaged(live);
}
