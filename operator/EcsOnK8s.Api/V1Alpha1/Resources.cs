using System.Text.Json.Serialization;
using k8s;
using EcsOnK8s.Api.Schema;
using k8s.Models;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Common shape of the EcsOnK8s custom resources.</summary>
public abstract class EcsResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus>
    where TSpec : new()
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = EcsApi.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus Status { get; set; } = default!;
}

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

/// <summary>An ECS service.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecssvc", Description = "An ECS service: keeps desiredCount tasks of a task definition running.", ScaleSubresource = true)]
[PrinterColumn("Cluster", "string", ".spec.cluster")]
[PrinterColumn("Task definition", "string", ".status.taskDefinition")]
[PrinterColumn("Desired", "integer", ".spec.desiredCount")]
[PrinterColumn("Running", "integer", ".status.runningCount")]
[PrinterColumn("Pending", "integer", ".status.pendingCount")]
[PrinterColumn("Status", "string", ".status.status")]
public sealed class EcsService : EcsResource<EcsServiceSpec, EcsServiceStatus>
{
    public const string KindName = "EcsService";
    public const string Plural = "ecsservices";

    public EcsService() => Kind = KindName;
}

/// <summary>An ECS cluster.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecscluster", Description = "An ECS cluster: capacity providers, defaults and policy for its services and tasks.")]
[PrinterColumn("Status", "string", ".status.status")]
[PrinterColumn("Services", "integer", ".status.activeServicesCount")]
[PrinterColumn("Running", "integer", ".status.runningTasksCount")]
[PrinterColumn("Pending", "integer", ".status.pendingTasksCount")]
public sealed class EcsCluster : EcsResource<EcsClusterSpec, EcsClusterStatus>
{
    public const string KindName = "EcsCluster";
    public const string Plural = "ecsclusters";

    public EcsCluster() => Kind = KindName;
}

/// <summary>A RunTask request.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecstask", Description = "A RunTask request: one or more tasks of a task definition that run to completion.")]
[PrinterColumn("Cluster", "string", ".spec.cluster")]
[PrinterColumn("Task definition", "string", ".status.taskDefinition")]
[PrinterColumn("Count", "integer", ".spec.count")]
[PrinterColumn("Status", "string", ".status.lastStatus")]
public sealed class EcsTask : EcsResource<EcsTaskSpec, EcsTaskStatus>
{
    public const string KindName = "EcsTask";
    public const string Plural = "ecstasks";

    public EcsTask() => Kind = KindName;
}

/// <summary>An EventBridge Scheduler schedule that runs an ECS task.</summary>
[KubernetesEntity(Group = EcsApi.Group, ApiVersion = EcsApi.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(ShortName = "ecsst", Description = "An EventBridge Scheduler schedule with an ECS task target.")]
[PrinterColumn("Schedule", "string", ".spec.scheduleExpression")]
[PrinterColumn("State", "string", ".spec.state")]
[PrinterColumn("Cron", "string", ".status.cronSchedule")]
[PrinterColumn("Last schedule", "date", ".status.lastScheduleTime")]
public sealed class EcsScheduledTask : EcsResource<EcsScheduledTaskSpec, EcsScheduledTaskStatus>
{
    public const string KindName = "EcsScheduledTask";
    public const string Plural = "ecsscheduledtasks";

    public EcsScheduledTask() => Kind = KindName;
}
