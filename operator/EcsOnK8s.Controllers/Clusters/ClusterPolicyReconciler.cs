using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Reconciliation;

namespace EcsOnK8s.Controllers.Clusters;

/// <summary>
/// Reports on an EcsClusterPolicy: accepted or refused (naming the field; a refused policy grants nothing), and
/// the EcsClusters of the namespaces it selects. Writes only when that changes.
/// </summary>
public sealed class ClusterPolicyReconciler(EcsInformers informers, IChildWriter applier, TimeProvider time) : IReconciler<EcsClusterPolicy>
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var policy = informers.ClusterPolicies.Store.Get(key);
        if (policy is null || policy.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var generation = policy.Metadata.Generation;
        var spec = policy.Spec ?? new EcsClusterPolicySpec();
        var errors = ClusterPolicyValidator.Validate(spec);
        var capped = informers.Clusters.Store.List()
            .Where(c => c.Metadata.DeletionTimestamp is null && PolicyBoundResolver.Selects(spec, c.Metadata.NamespaceProperty, informers.NamespaceLabels(c.Metadata.NamespaceProperty)))
            .Select(c => $"{c.Metadata.NamespaceProperty}/{c.Metadata.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var status = new EcsClusterPolicyStatus
        {
            ObservedGeneration = generation,
            ClustersCount = errors.Count == 0 ? capped.Count : 0,
            Clusters = errors.Count == 0 && capped.Count > 0 ? [.. capped.Take(EcsClusterPolicyStatus.ListedClusters)] : null,
        };
        var message = errors.Count > 0
            ? $"Refused, it grants nothing: {string.Join("; ", errors)}"
            : spec.Namespaces is not { Count: > 0 } && spec.NamespaceSelector is null
                ? "Accepted; it selects no namespace (neither spec.namespaces nor spec.namespaceSelector is set)."
                : $"Accepted; it bounds {capped.Count} EcsCluster{(capped.Count == 1 ? string.Empty : "s")}.";
        status.Conditions = Conditions.Set(policy.Status?.Conditions, ConditionTypes.Ready, errors.Count == 0,
            errors.Count == 0 ? ConditionReasons.Accepted : ConditionReasons.InvalidSpec, message, generation, TimeTruncation.Now(time));

        await applier.WriteStatusAsync(policy, status, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }
}
