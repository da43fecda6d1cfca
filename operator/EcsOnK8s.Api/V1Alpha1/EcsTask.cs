using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A RunTask request.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecstask", Description = "A RunTask request: one or more tasks of a task definition that run to completion.")]
[PrinterColumn("Cluster", "string", ".spec.cluster")]
[PrinterColumn("Task definition", "string", ".status.taskDefinition")]
[PrinterColumn("Count", "integer", ".spec.count")]
[PrinterColumn("Status", "string", ".status.lastStatus")]
[PrinterColumn("Launch type", "string", ".spec.launchType", Priority = 1)]
[PrinterColumn("Capacity providers", "string", ".spec.capacityProviderStrategy[*].capacityProvider", Priority = 1)]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Priority = 1)]
public sealed class EcsTask : EcsResource<EcsTaskSpec, EcsTaskStatus>
{
    public const string KindName = "EcsTask";
    public const string Plural = "ecstasks";

    public EcsTask() => Kind = KindName;
}
