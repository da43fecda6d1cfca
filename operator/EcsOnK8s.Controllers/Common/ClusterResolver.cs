using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Clusters;
using EcsOnK8s.Runtime;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>Finds the EcsCluster a workload names, in its namespace.</summary>
public static class ClusterResolver
{
    /// <summary>
    /// The cluster, or null with a condition reason and message: ClusterNotFound (wait for it) or ClusterInvalid.
    /// The cluster "default" need not exist: ECS creates it on first use; here it is implicit, every privilege denied.
    /// </summary>
    public static (EcsCluster? Cluster, string? Reason, string? Message) Resolve(
        EcsInformers informers, V1ObjectMeta owner, string? clusterField, string workload)
    {
        ArgumentNullException.ThrowIfNull(informers);
        ArgumentNullException.ThrowIfNull(owner);
        var ns = owner.NamespaceProperty;
        var name = EcsInformers.ClusterName(clusterField);
        var cluster = informers.Clusters.Store.Get(new ObjectKey(ns, name));
        if (cluster is null && name != "default")
        {
            return (null, ConditionReasons.ClusterNotFound, $"EcsCluster '{name}' does not exist in namespace '{ns}'; the {workload} waits for it.");
        }

        cluster ??= new EcsCluster { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } };
        var errors = ClusterValidator.Validate(cluster.Spec);
        return errors.Count > 0
            ? (null, ConditionReasons.ClusterInvalid, $"EcsCluster '{name}' is invalid: {string.Join("; ", errors)}")
            : (cluster, null, null);
    }
}
