using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An ECS service.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecssvc", Description = "An ECS service: keeps desiredCount tasks of a task definition running.", ScaleSubresource = true)]
[PrinterColumn("Cluster", "string", ".spec.cluster")]
[PrinterColumn("Task definition", "string", ".status.taskDefinition")]
[PrinterColumn("Desired", "integer", ".spec.desiredCount")]
[PrinterColumn("Running", "integer", ".status.runningCount")]
[PrinterColumn("Pending", "integer", ".status.pendingCount")]
[PrinterColumn("Status", "string", ".status.status")]
[PrinterColumn("Rollout", "string", ".status.deployments[?(@.status==\"PRIMARY\")].rolloutState")]
[PrinterColumn("Launch type", "string", ".spec.launchType", Priority = 1)]
[PrinterColumn("Capacity providers", "string", ".spec.capacityProviderStrategy[*].capacityProvider", Priority = 1)]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Priority = 1)]
public sealed class EcsService : EcsResource<EcsServiceSpec, EcsServiceStatus>
{
    public const string KindName = "EcsService";
    public const string Plural = "ecsservices";

    public EcsService() => Kind = KindName;
}
