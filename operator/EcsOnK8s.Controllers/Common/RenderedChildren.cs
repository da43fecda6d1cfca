using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>What services, tasks and schedules do alike with what the translation rendered for them.</summary>
public static class RenderedChildren
{
    /// <summary>
    /// When a workload refused for a child name held by another object tries again: that object's changes queue its
    /// own owner, not the refused workload, so nothing else would tell it the name came free.
    /// </summary>
    public static readonly TimeSpan ConflictRecheck = TimeSpan.FromSeconds(30);

    /// <summary>The condition reason and message of a rejected render: the first rejection, policy refusals named as such.</summary>
    public static (string Reason, string Message) Rejection(RenderResult rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var first = rendered.Report.Rejections.First();
        return (first.Rejection == RejectionKind.Policy ? ConditionReasons.PolicyRefused : ConditionReasons.TranslationRejected, $"{first.Path}: {first.Reason}");
    }

    /// <summary>
    /// Applies every rendered object with <paramref name="owner"/> as controller, except what must outlive it
    /// (persistent volumes always, and claims under the cluster's Retain policy, the default: no owner) and what other
    /// workloads of the namespace may share (<see cref="RenderResult.Shared"/>: a service account, claim or external
    /// secret named after the role, volume or secret it stands for). Those belong to the EcsCluster, so that deleting
    /// one workload never takes them from another; they go with the cluster (or stay, for the implicit cluster
    /// "default" that exists as no object). Every workload renders them alike, so whichever applies first writes
    /// them and the others find them current.
    /// Returns the first child (in render order) that was not written, or null when all were: refusals (HTTP 400/422)
    /// first, then names held by another owner (<see cref="ChildOwnershipConflictException"/>: left as they are), then
    /// other error statuses; the other children are still applied. A refusal or a held name is the spec's fault, not
    /// the moment's: the caller reports it and waits for a change rather than retrying at once. Another error status
    /// (a 5xx, a quota) is reported and retried. Failures to reach the server throw, for a retry.
    /// </summary>
    public static async Task<ChildApplyFailure?> ApplyAsync(
        IChildWriter applier, RenderResult rendered, IKubernetesObject<V1ObjectMeta> owner, EcsCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applier);
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentNullException.ThrowIfNull(cluster);
        var retain = cluster.Spec.Storage?.RetentionPolicy != "Delete";
        var shared = rendered.Shared.ToHashSet(ReferenceEqualityComparer.Instance);
        var sharedOwner = string.IsNullOrEmpty(cluster.Metadata?.Uid) ? null : cluster;

        // Children do not depend on each other's existence (a pod waits for its claim or service account), so their
        // writes go out together: a reconcile waits for the slowest, not for the sum.
        var failures = await Task.WhenAll(rendered.Objects.Select(child =>
            child is V1PersistentVolume || (retain && child is V1PersistentVolumeClaim) ? ApplyOneAsync(applier, child, null, shared: false, cancellationToken)
            : shared.Contains(child) ? ApplyOneAsync(applier, child, sharedOwner, shared: true, cancellationToken)
            : ApplyOneAsync(applier, child, owner, shared: false, cancellationToken))).ConfigureAwait(false);
        return failures.Where(f => f is not null).OrderBy(f => f!.FailureKind).FirstOrDefault();
    }

    /// <summary>
    /// What the controller does after reporting <paramref name="failure"/> (<paramref name="reported"/> is the result
    /// of writing it): a refusal waits for the spec (or a child) to change, as a terminal error; a held name is checked
    /// again after <see cref="ConflictRecheck"/>; any other failure is retried with backoff.
    /// </summary>
    public static ReconcileResult Outcome(ChildApplyFailure failure, ReconcileResult reported)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.FailureKind switch
        {
            ChildApplyFailureKind.Refused => reported,
            ChildApplyFailureKind.NameConflict => ReconcileResult.RequeueAfter(ConflictRecheck),
            _ => ReconcileResult.TransientError(new KubernetesApiException(failure.Message)),
        };
    }

    private static async Task<ChildApplyFailure?> ApplyOneAsync(
        IChildWriter applier, IKubernetesObject<V1ObjectMeta> child, IKubernetesObject<V1ObjectMeta>? owner, bool shared, CancellationToken cancellationToken)
    {
        try
        {
            await applier.ApplyAsync(child, owner, shared, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (FailureOf(child, e) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>
    /// The failure <paramref name="exception"/> means for <paramref name="child"/>'s apply: a held name, or the API
    /// server's answer (refused, or failed for now); null for anything else (cancellation, a bug), which propagates.
    /// </summary>
    public static ChildApplyFailure? FailureOf(IKubernetesObject<V1ObjectMeta> child, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(child);
        var kind = child.Kind ?? child.GetType().Name;
        var name = child.Metadata?.Name ?? string.Empty;
        return exception switch
        {
            ChildOwnershipConflictException conflict => new ChildApplyFailure(kind, name, conflict.Message, ChildApplyFailureKind.NameConflict),
            KubernetesApiException { StatusCode: not 0 } e =>
                new ChildApplyFailure(kind, name, e.ServerMessage, e.IsRefused ? ChildApplyFailureKind.Refused : ChildApplyFailureKind.Failed),
            _ => null,
        };
    }

    /// <summary>
    /// The workloads of a namespace whose Deployments or DaemonSets (as their controller owners) have a pod template
    /// that <paramref name="uses"/> says refers to a shared child: who must restore it when it is deleted or edited.
    /// </summary>
    public static IEnumerable<ObjectKey> EnqueueServicesForSharedChild(EcsInformers informers, string? @namespace, Func<V1PodSpec, bool> uses)
    {
        ArgumentNullException.ThrowIfNull(informers);
        ArgumentNullException.ThrowIfNull(uses);
        var ns = @namespace ?? string.Empty;
        return informers.Deployments.Store.ByNamespace(ns).Select(d => (d.Spec?.Template?.Spec, Owner: d.ControllerOwner()))
            .Concat(informers.DaemonSets.Store.ByNamespace(ns).Select(d => (d.Spec?.Template?.Spec, Owner: d.ControllerOwner())))
            .Where(w => w.Spec is not null && w.Owner?.Kind == EcsService.KindName && uses(w.Spec))
            .Select(w => new ObjectKey(ns, w.Owner!.Name))
            .Distinct();
    }
}
