using System.Globalization;

namespace EcsOnK8s.Events.Ecs;

/// <summary>
/// The one identifier scheme of the ECS events: AWS's long ARN formats with the configured region and account
/// (<see cref="EcsEventSettings"/>), partition <c>aws</c> and service <c>ecs</c>:
/// <list type="bullet">
/// <item><c>arn:aws:ecs:REGION:ACCOUNT:cluster/CLUSTER</c></item>
/// <item><c>arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE</c></item>
/// <item><c>arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/TASKID</c>, TASKID being the Kubernetes UID of the task's
/// object (a service's pod, an EcsTask's or a scheduled run's Job) without dashes: 32 hex digits like an ECS task id</item>
/// <item><c>arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION</c></item>
/// <item><c>arn:aws:ecs:REGION:ACCOUNT:container/CLUSTER/TASKID/CONTAINERID</c>, CONTAINERID a UUID derived
/// from the task's UID and the container's name (stable across restarts of the operator)</item>
/// <item><c>arn:aws:ecs:REGION:ACCOUNT:capacity-provider/NAME</c></item>
/// </list>
/// Names are Kubernetes names, so they never hold the separators (<c>/</c>, <c>:</c>).
/// </summary>
public sealed class EcsArns
{
    private readonly string _prefix;

    public EcsArns(EcsEventSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _prefix = $"arn:aws:ecs:{settings.Region}:{settings.Account}:";
    }

    public EcsEventSettings Settings { get; }

    /// <summary>The ECS task id of a Kubernetes UID: its hex digits, lower case, without dashes.</summary>
    public static string TaskId(string uid)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid);
        return uid.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }

    /// <summary>The id of a container of a task: a UUID derived from the task's UID and the container's name.</summary>
    public static string ContainerId(string taskUid, string containerName) =>
        DeterministicUuid.From("container", taskUid, containerName);

    public string Cluster(string cluster) => _prefix + "cluster/" + cluster;

    public string Service(string cluster, string service) => _prefix + "service/" + cluster + "/" + service;

    public string Task(string cluster, string taskUid) => _prefix + "task/" + cluster + "/" + TaskId(taskUid);

    public string TaskDefinition(string family, int revision) =>
        _prefix + "task-definition/" + family + ":" + revision.ToString(CultureInfo.InvariantCulture);

    public string Container(string cluster, string taskUid, string containerName) =>
        _prefix + "container/" + cluster + "/" + TaskId(taskUid) + "/" + ContainerId(taskUid, containerName);

    public string CapacityProvider(string name) => _prefix + "capacity-provider/" + name;
}
