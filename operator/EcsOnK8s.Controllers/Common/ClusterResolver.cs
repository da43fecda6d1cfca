using System.Diagnostics.CodeAnalysis;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Runtime;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>Finds the EcsCluster a workload names, in its namespace.</summary>
public static class ClusterResolver
{
    /// <summary>
    /// The cluster, or why not: ClusterNotFound (wait for it) or ClusterInvalid (degraded).
    /// The cluster "default" need not exist: ECS creates it on first use; here it is implicit, every privilege denied.
    /// </summary>
    public static bool TryResolve(
        EcsInformers informers, V1ObjectMeta owner, string? clusterField, string workload,
        [NotNullWhen(true)] out EcsCluster? cluster, [NotNullWhen(false)] out WorkloadNotReady? notReady)
    {
        ArgumentNullException.ThrowIfNull(informers);
        ArgumentNullException.ThrowIfNull(owner);
        var ns = owner.NamespaceProperty;
        var name = EcsInformers.ClusterName(clusterField);
        cluster = informers.Clusters.Store.Get(new ObjectKey(ns, name));
        if (cluster is null && name != "default")
        {
            notReady = new WorkloadNotReady(
                ConditionReasons.ClusterNotFound, $"EcsCluster '{name}' does not exist in namespace '{ns}'; the {workload} waits for it.", Degraded: false);
            return false;
        }

        cluster ??= new EcsCluster { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } };
        var errors = ClusterValidator.Validate(cluster.Spec);
        if (errors.Count > 0)
        {
            cluster = null;
            notReady = new WorkloadNotReady(
                ConditionReasons.ClusterInvalid, $"EcsCluster '{name}' is invalid: {string.Join("; ", errors)}", Degraded: true);
            return false;
        }

        notReady = null;
        return true;
    }
}
