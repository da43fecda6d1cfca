using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A task definition family and its revisions.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecstd", Description = "An ECS task definition family; each change of its spec is a new immutable revision.")]
[PrinterColumn("Family", "string", ".spec.family")]
[PrinterColumn("Latest", "string", ".status.taskDefinition")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason")]
public sealed class EcsTaskDefinition : EcsResource<EcsTaskDefinitionSpec, EcsTaskDefinitionStatus>
{
    public const string KindName = "EcsTaskDefinition";
    public const string Plural = "ecstaskdefinitions";

    public EcsTaskDefinition() => Kind = KindName;
}
