using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An ECS cluster.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecscluster", Description = "An ECS cluster: capacity providers, defaults and policy for its services and tasks.")]
[PrinterColumn("Status", "string", ".status.status")]
[PrinterColumn("Services", "integer", ".status.activeServicesCount")]
[PrinterColumn("Running", "integer", ".status.runningTasksCount")]
[PrinterColumn("Pending", "integer", ".status.pendingTasksCount")]
[PrinterColumn("Capacity providers", "string", ".status.registeredCapacityProviders", Priority = 1)]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Priority = 1)]
public sealed class EcsCluster : EcsResource<EcsClusterSpec, EcsClusterStatus>
{
    public const string KindName = "EcsCluster";
    public const string Plural = "ecsclusters";

    public EcsCluster() => Kind = KindName;
}
