using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation.Security;

namespace EcsOnK8s.Controllers.Clusters;

/// <summary>
/// Validates an EcsCluster and reports, as ECS does, its capacity providers and the services and tasks it runs.
/// Services re-render on their own when their cluster changes (the service controller watches clusters).
/// </summary>
public sealed class ClusterReconciler(EcsInformers informers, IChildWriter applier, TimeProvider time) : IReconciler<EcsCluster>
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cluster = informers.Clusters.Store.Get(key);
        if (cluster is null || cluster.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var generation = cluster.Metadata.Generation;
        var errors = ClusterValidator.Validate(cluster.Spec);
        var services = informers.Services.Store.ByIndex(EcsInformers.ClusterIndex, EcsInformers.Scoped(cluster.Metadata, cluster.Metadata.Name));
        var status = new EcsClusterStatus
        {
            ObservedGeneration = generation,
            Status = errors.Count == 0 ? "ACTIVE" : "FAILED",
            RegisteredCapacityProviders = [.. (cluster.Spec.CapacityProviders ?? []).Select(p => p.Name ?? string.Empty).Where(n => n.Length > 0)],
            ActiveServicesCount = services.Count(s => s.Metadata.DeletionTimestamp is null),
            RunningTasksCount = services.Sum(s => s.Status?.RunningCount ?? 0),
            PendingTasksCount = services.Sum(s => s.Status?.PendingCount ?? 0),
        };
        var message = errors.Count == 0 ? "Cluster is valid." : string.Join("; ", errors);
        status.Conditions = Conditions.Set(cluster.Status?.Conditions, ConditionTypes.Ready, errors.Count == 0,
            errors.Count == 0 ? ConditionReasons.Reconciled : ConditionReasons.InvalidSpec, message, generation, now);
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, errors.Count > 0,
            errors.Count == 0 ? ConditionReasons.Reconciled : ConditionReasons.InvalidSpec, errors.Count == 0 ? "No problems." : message, generation, now);

        var exceeding = PolicyBounds.Exceeding(cluster.Spec.Policy, PolicyBoundResolver.BoundFor(informers, cluster.Metadata.NamespaceProperty));
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.PolicyCapped, exceeding.Count > 0,
            exceeding.Count > 0 ? ConditionReasons.PolicyExceedsBound : ConditionReasons.WithinPolicyBound,
            exceeding.Count > 0
                ? $"No EcsClusterPolicy allows namespace {cluster.Metadata.NamespaceProperty} {string.Join(", ", exceeding)}: what they allow is refused to the cluster's tasks."
                : "spec.policy is within what the EcsClusterPolicies of the namespace allow.",
            generation, now);

        await applier.WriteStatusAsync(cluster, status, cancellationToken).ConfigureAwait(false);

        return ReconcileResult.Done;
    }
}
