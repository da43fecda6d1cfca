using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.Events.Ecs;
using k8s;

namespace EcsOnK8s.EcsProtocol.Shapes;

/// <summary>
/// The ECS API's answers built from the custom resources (pure): Cluster, Service, Deployment, Task and TaskDefinition
/// in ECS's member names, timestamps as epoch seconds, identifiers as ARNs of <see cref="EcsNames"/>. Each answer is
/// projected onto the model's shape, so a field of ours never leaks under a name ECS does not define.
/// </summary>
public sealed class EcsShapes(EcsNames names)
{
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";

    private static readonly EcsModel Model = EcsModel.Instance;

    public EcsNames Names => names;

    private EcsArns Arns => names.Arns;

    /// <summary>AWS JSON timestamps: seconds since the epoch, milliseconds as the fraction.</summary>
    public static JsonNode? Epoch(DateTime? time) =>
        time is { } t ? JsonValue.Create(Math.Round((DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind).ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds, 3)) : null;

    /// <summary>A task definition revision from its stored content (the normalised spec, in ECS's member names).</summary>
    public JsonObject TaskDefinition(EcsTaskDefinitionSpec content, string family, int revision, string status, DateTime? registeredAt)
    {
        ArgumentNullException.ThrowIfNull(content);
        var node = ToObject(content);
        node.Remove("tags");
        node["family"] = family;
        node["taskDefinitionArn"] = Arns.TaskDefinition(family, revision);
        node["revision"] = revision;
        node["status"] = status;
        node["registeredAt"] = Epoch(registeredAt);
        node["compatibilities"] ??= new JsonArray("EC2", "FARGATE", "EXTERNAL");
        return Project(node, "TaskDefinition");
    }

    /// <summary>Tags in ECS's shape (<c>[{"key": ..., "value": ...}]</c>); an empty list when there are none.</summary>
    public static JsonArray Tags(IEnumerable<Tag>? tags) =>
        new([.. (tags ?? []).Where(t => t.Key is not null).Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value ?? string.Empty })]);

    public JsonObject Cluster(EcsCluster cluster, bool includeTags)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var name = cluster.Metadata.Name;
        var spec = cluster.Spec ?? new EcsClusterSpec();
        var node = new JsonObject
        {
            ["clusterArn"] = Arns.Cluster(name),
            ["clusterName"] = name,
            ["status"] = cluster.Metadata.DeletionTimestamp is not null ? "DEPROVISIONING" : Active,
            ["registeredContainerInstancesCount"] = 0,
            ["runningTasksCount"] = cluster.Status?.RunningTasksCount ?? 0,
            ["pendingTasksCount"] = cluster.Status?.PendingTasksCount ?? 0,
            ["activeServicesCount"] = cluster.Status?.ActiveServicesCount ?? 0,
            ["statistics"] = new JsonArray(),
            ["settings"] = ToNode(spec.Settings) ?? new JsonArray(),
            ["capacityProviders"] = new JsonArray([.. (spec.CapacityProviders ?? []).Where(p => p.Name is not null).Select(p => (JsonNode)JsonValue.Create(p.Name!))]),
            ["defaultCapacityProviderStrategy"] = ToNode(spec.DefaultCapacityProviderStrategy) ?? new JsonArray(),
        };
        if (includeTags)
        {
            node["tags"] = Tags(spec.Tags);
        }

        return Project(node, "Cluster");
    }

    /// <summary>A service: its spec as written, its counts, deployments and events as the operator's status has them.</summary>
    public JsonObject Service(EcsService service, bool includeTags)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec ?? new EcsServiceSpec();
        var status = service.Status;
        var cluster = names.Cluster(spec.Cluster);
        var serviceName = spec.ServiceName ?? service.Metadata.Name;
        var node = ToObject(spec);
        foreach (var own in (string[])["cluster", "tags", "clientToken", "role", "taskDefinition"])
        {
            node.Remove(own);
        }

        node["serviceArn"] = Arns.Service(cluster, serviceName);
        node["serviceName"] = serviceName;
        node["clusterArn"] = Arns.Cluster(cluster);
        node["status"] = service.Metadata.DeletionTimestamp is not null ? "DRAINING" : status?.Status ?? Active;
        node["desiredCount"] = spec.DesiredCount ?? status?.DesiredCount ?? 0;
        node["runningCount"] = status?.RunningCount ?? 0;
        node["pendingCount"] = status?.PendingCount ?? 0;
        var taskDefinition = status?.TaskDefinition ?? spec.TaskDefinition;
        if (taskDefinition is not null)
        {
            node["taskDefinition"] = TaskDefinitionArn(taskDefinition);
        }

        node["schedulingStrategy"] ??= "REPLICA";
        node["deploymentController"] ??= new JsonObject { ["type"] = "ECS" };
        node["createdAt"] = Epoch(service.Metadata.CreationTimestamp);
        node["deployments"] = new JsonArray([.. (status?.Deployments ?? []).Select(d => (JsonNode)Deployment(d, spec))]);
        node["events"] = new JsonArray([.. (status?.Events ?? []).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["createdAt"] = Epoch(e.CreatedAt),
            ["message"] = e.Message,
        })]);
        if (includeTags)
        {
            node["tags"] = Tags(spec.Tags);
        }

        return Project(node, "Service");
    }

    /// <summary>A task of an EcsTask (or of a service, read from its pod): identifiers made from the object's UID.</summary>
    public JsonObject Task(TaskInstanceStatus task, string cluster, string uid, string? taskDefinition, string? group, string? startedBy, IEnumerable<Tag>? tags)
    {
        ArgumentNullException.ThrowIfNull(task);
        var taskArn = Arns.Task(cluster, uid);
        var node = new JsonObject
        {
            ["taskArn"] = taskArn,
            ["clusterArn"] = Arns.Cluster(cluster),
            ["taskDefinitionArn"] = taskDefinition is null ? null : TaskDefinitionArn(taskDefinition),
            ["lastStatus"] = task.LastStatus ?? "PROVISIONING",
            ["desiredStatus"] = task.DesiredStatus ?? "RUNNING",
            ["stopCode"] = task.StopCode,
            ["stoppedReason"] = task.StoppedReason,
            ["createdAt"] = Epoch(task.CreatedAt),
            ["startedAt"] = Epoch(task.StartedAt),
            ["stoppedAt"] = Epoch(task.StoppedAt),
            ["group"] = group,
            ["startedBy"] = startedBy,
            ["launchType"] = "EC2",
            ["containers"] = new JsonArray([.. (task.Containers ?? []).Select(c => (JsonNode)new JsonObject
            {
                ["containerArn"] = Arns.Container(cluster, uid, c.Name ?? string.Empty),
                ["taskArn"] = taskArn,
                ["name"] = c.Name,
                ["lastStatus"] = c.LastStatus,
                ["exitCode"] = c.ExitCode,
                ["reason"] = c.Reason,
            })]),
            ["tags"] = Tags(tags),
        };
        foreach (var (key, value) in node.ToList())
        {
            if (value is null)
            {
                node.Remove(key);
            }
        }

        return Project(node, "Task");
    }

    /// <summary>The ARN of a task definition reference family:revision (a bare family stays as given).</summary>
    public string TaskDefinitionArn(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (EcsNames.IsArn(reference))
        {
            return reference;
        }

        var colon = reference.LastIndexOf(':');
        return colon > 0 && int.TryParse(reference[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var revision)
            ? Arns.TaskDefinition(reference[..colon], revision)
            : reference;
    }

    private JsonObject Deployment(ServiceDeployment deployment, EcsServiceSpec spec)
    {
        var node = new JsonObject
        {
            ["id"] = deployment.Id,
            ["status"] = deployment.Status,
            ["taskDefinition"] = deployment.TaskDefinition is null ? null : TaskDefinitionArn(deployment.TaskDefinition),
            ["desiredCount"] = deployment.DesiredCount ?? 0,
            ["pendingCount"] = deployment.PendingCount ?? 0,
            ["runningCount"] = deployment.RunningCount ?? 0,
            ["failedTasks"] = deployment.FailedTasks ?? 0,
            ["createdAt"] = Epoch(deployment.CreatedAt),
            ["updatedAt"] = Epoch(deployment.UpdatedAt),
            ["launchType"] = spec.LaunchType,
            ["capacityProviderStrategy"] = ToNode(spec.CapacityProviderStrategy),
            ["rolloutState"] = deployment.RolloutState,
            ["rolloutStateReason"] = deployment.RolloutStateReason,
        };
        foreach (var (key, value) in node.ToList())
        {
            if (value is null)
            {
                node.Remove(key);
            }
        }

        return node;
    }

    private static JsonObject Project(JsonObject node, string shape) => (JsonObject)Model.Project(node, shape)!;

    private static JsonObject ToObject<T>(T value) => JsonNode.Parse(KubernetesJson.Serialize(value))!.AsObject();

    private static JsonNode? ToNode<T>(T? value)
        where T : class => value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value));
}
