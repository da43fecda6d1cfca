using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An EventBridge Scheduler schedule that runs an ECS task.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecsst", Description = "An EventBridge Scheduler schedule with an ECS task target.")]
[PrinterColumn("Schedule", "string", ".spec.scheduleExpression")]
[PrinterColumn("State", "string", ".spec.state")]
[PrinterColumn("Mode", "string", ".status.mode")]
[PrinterColumn("Cron", "string", ".status.cronSchedule")]
[PrinterColumn("Last schedule", "date", ".status.lastScheduleTime")]
[PrinterColumn("Next schedule", "string", ".status.nextScheduleTime")]
[PrinterColumn("Launch type", "string", ".spec.target.ecsParameters.launchType", Priority = 1)]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", Priority = 1)]
public sealed class EcsScheduledTask : EcsResource<EcsScheduledTaskSpec, EcsScheduledTaskStatus>
{
    public const string KindName = "EcsScheduledTask";
    public const string Plural = "ecsscheduledtasks";

    public EcsScheduledTask() => Kind = KindName;
}
