using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An EventBridge rule with its targets (PutRule and PutTargets in one object).</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecsrule", Description = "An EventBridge rule: an event pattern and up to five targets (an ECS task or an HTTP endpoint).")]
[PrinterColumn("State", "string", ".spec.state")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Last error", "string", ".status.lastError", Priority = 1)]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Priority = 1)]
public sealed class EcsEventRule : EcsResource<EcsEventRuleSpec, EcsEventRuleStatus>
{
    public const string KindName = "EcsEventRule";
    public const string Plural = "ecseventrules";

    public EcsEventRule() => Kind = KindName;
}
