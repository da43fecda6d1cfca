using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>What services, tasks and schedules do alike with what the translation rendered for them.</summary>
public static class RenderedChildren
{
    /// <summary>The condition reason and message of a rejected render: the first rejection, policy refusals named as such.</summary>
    public static (string Reason, string Message) Rejection(RenderResult rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var first = rendered.Report.Rejections.First();
        var policy = first.Reason.Contains("policy", StringComparison.OrdinalIgnoreCase);
        return (policy ? ConditionReasons.PolicyRefused : ConditionReasons.TranslationRejected, $"{first.Path}: {first.Reason}");
    }

    /// <summary>
    /// Applies every rendered object with <paramref name="owner"/> as controller, except what must outlive it
    /// (persistent volumes always, and claims under the cluster's Retain policy, the default: no owner) and what
    /// other workloads of the namespace share (<see cref="RenderResult.Shared"/>: <paramref name="owner"/> is one of
    /// its owners, and the object goes with the last of them).
    /// </summary>
    public static async Task ApplyAsync(
        ChildApplier applier, RenderResult rendered, IKubernetesObject<V1ObjectMeta> owner, EcsCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applier);
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentNullException.ThrowIfNull(cluster);
        var retain = cluster.Spec.Storage?.RetentionPolicy != "Delete";
        var shared = rendered.Shared.ToHashSet(ReferenceEqualityComparer.Instance);

        // Children do not depend on each other's existence (a pod waits for its claim or service account), so their
        // writes go out together: a reconcile waits for the slowest, not for the sum.
        await Task.WhenAll(rendered.Objects.Select(child =>
            child is V1PersistentVolume || (retain && child is V1PersistentVolumeClaim) ? applier.ApplyAsync(child, null, cancellationToken)
            : shared.Contains(child) ? applier.ApplySharedAsync(child, owner, cancellationToken)
            : applier.ApplyAsync(child, owner, cancellationToken))).ConfigureAwait(false);
    }
}
