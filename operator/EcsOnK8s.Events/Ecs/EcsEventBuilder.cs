using System.Globalization;
using System.Text.Json.Nodes;

namespace EcsOnK8s.Events.Ecs;

/// <summary>
/// Builds the ECS events the operator emits from what it observed, with the field names and shapes of ECS's own
/// events (see docs/events.md) and identifiers of <see cref="EcsArns"/>. Pure: the same input gives the same event,
/// id included.
/// </summary>
public sealed class EcsEventBuilder
{
    public EcsEventBuilder(EcsEventSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Arns = new EcsArns(settings);
    }

    public EcsArns Arns { get; }

    /// <summary>The task's group as ECS writes it: RunTask's group, else <c>service:NAME</c>, else <c>family:FAMILY</c>.</summary>
    public static string GroupOf(TaskStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Group is { Length: > 0 } group ? group
            : change.ServiceName is { Length: > 0 } service ? "service:" + service
            : "family:" + change.TaskDefinitionFamily;
    }

    /// <summary>An "ECS Task State Change" event; its id is derived from the task's UID and version.</summary>
    public AwsEvent BuildTaskStateChange(TaskStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var taskArn = Arns.Task(change.Cluster, change.TaskUid);
        var containers = new JsonArray();
        foreach (var container in change.Containers)
        {
            var item = new JsonObject
            {
                ["containerArn"] = Arns.Container(change.Cluster, change.TaskUid, container.Name),
                ["lastStatus"] = EcsEventText.Of(container.LastStatus),
                ["name"] = container.Name,
            };
            AddIfSet(item, "image", container.Image);
            AddIfSet(item, "exitCode", container.ExitCode);
            AddIfSet(item, "reason", container.Reason);
            item["taskArn"] = taskArn;
            containers.Add(item);
        }

        var detail = new JsonObject
        {
            ["clusterArn"] = Arns.Cluster(change.Cluster),
            ["containers"] = containers,
            ["createdAt"] = AwsEvent.FormatDetailTime(change.CreatedAt),
        };
        AddIfSet(detail, "launchType", change.LaunchType);
        AddIfSet(detail, "capacityProviderName", change.CapacityProviderName);
        AddIfSet(detail, "cpu", change.Cpu);
        AddIfSet(detail, "memory", change.Memory);
        detail["desiredStatus"] = EcsEventText.Of(change.DesiredStatus);
        detail["group"] = GroupOf(change);
        detail["lastStatus"] = EcsEventText.Of(change.LastStatus);
        AddTimeIfSet(detail, "startedAt", change.StartedAt);
        AddIfSet(detail, "startedBy", change.StartedBy);
        AddTimeIfSet(detail, "stoppingAt", change.StoppingAt);
        AddTimeIfSet(detail, "stoppedAt", change.StoppedAt);
        AddIfSet(detail, "stoppedReason", change.StoppedReason);
        AddIfSet(detail, "stopCode", change.StopCode is { } code ? EcsEventText.Of(code) : null);
        detail["updatedAt"] = AwsEvent.FormatDetailTime(change.UpdatedAt);
        detail["taskArn"] = taskArn;
        detail["taskDefinitionArn"] = Arns.TaskDefinition(change.TaskDefinitionFamily, change.TaskDefinitionRevision);
        detail["version"] = change.Version;

        return Envelope(
            EventIds.For(EcsDetailTypes.TaskStateChange, change.TaskUid, change.Version.ToString(CultureInfo.InvariantCulture)),
            EcsDetailTypes.TaskStateChange,
            change.UpdatedAt,
            [taskArn],
            detail);
    }

    /// <summary>An "ECS Service Action" event; its id is derived from the service's UID, the name and the state version.</summary>
    public AwsEvent BuildServiceAction(ServiceAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = EcsEventText.Of(action.Name);
        var detail = new JsonObject
        {
            ["eventType"] = EcsEventText.Of(action.EventType ?? EcsEventText.TypeOf(action.Name)),
            ["eventName"] = name,
            ["clusterArn"] = Arns.Cluster(action.Cluster),
        };
        if (action.CapacityProviders.Count > 0)
        {
            detail["capacityProviderArns"] = new JsonArray([.. action.CapacityProviders.Select(p => (JsonNode?)Arns.CapacityProvider(p))]);
        }

        if (action.TaskUids.Count > 0)
        {
            detail["taskArns"] = new JsonArray([.. action.TaskUids.Select(uid => (JsonNode?)Arns.Task(action.Cluster, uid))]);
        }

        AddIfSet(detail, "reason", action.Reason);
        detail["createdAt"] = AwsEvent.FormatDetailTime(action.CreatedAt);

        return Envelope(
            EventIds.For(EcsDetailTypes.ServiceAction, action.ServiceUid, name + "/" + action.StateVersion),
            EcsDetailTypes.ServiceAction,
            action.CreatedAt,
            [Arns.Service(action.Cluster, action.ServiceName)],
            detail);
    }

    /// <summary>An "ECS Deployment State Change" event; its id is derived from the service's UID, the deployment and the name.</summary>
    public AwsEvent BuildDeploymentStateChange(DeploymentStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var name = EcsEventText.Of(change.Name);
        var detail = new JsonObject
        {
            ["eventType"] = EcsEventText.Of(EcsEventText.TypeOf(change.Name)),
            ["eventName"] = name,
            ["deploymentId"] = change.DeploymentId,
            ["updatedAt"] = AwsEvent.FormatTime(change.UpdatedAt),
        };
        AddIfSet(detail, "reason", change.Reason);

        return Envelope(
            EventIds.For(EcsDetailTypes.DeploymentStateChange, change.ServiceUid, change.DeploymentId + "/" + name),
            EcsDetailTypes.DeploymentStateChange,
            change.UpdatedAt,
            [Arns.Service(change.Cluster, change.ServiceName)],
            detail);
    }

    private AwsEvent Envelope(string id, string detailType, DateTimeOffset time, IReadOnlyList<string> resources, JsonObject detail) => new()
    {
        Id = id,
        DetailType = detailType,
        Source = EcsDetailTypes.Source,
        Account = Arns.Settings.Account,
        Time = time,
        Region = Arns.Settings.Region,
        Resources = resources,
        Detail = detail,
    };

    private static void AddIfSet(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[name] = value;
        }
    }

    private static void AddIfSet(JsonObject target, string name, int? value)
    {
        if (value is { } set)
        {
            target[name] = set;
        }
    }

    private static void AddTimeIfSet(JsonObject target, string name, DateTimeOffset? value)
    {
        if (value is { } set)
        {
            target[name] = AwsEvent.FormatDetailTime(set);
        }
    }
}
