namespace EcsOnK8s.Api;

/// <summary>Labels EcsOnK8s puts on what it renders. Defined once; renderers, controllers and tests use these.</summary>
public static class WellKnownLabels
{
    public const string Name = "app.kubernetes.io/name";

    /// <summary>
    /// Argo CD's default tracking label. EcsOnK8s no longer puts it on what it renders (an Application named like a
    /// service would claim its children); children rendered by earlier versions keep it only where Kubernetes forbids
    /// a change (a Deployment's or DaemonSet's selector, a Job's pod template).
    /// </summary>
    public const string LegacyInstance = "app.kubernetes.io/instance";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "ecsonk8s";

    public const string Cluster = EcsApi.Group + "/cluster";
    public const string Service = EcsApi.Group + "/service";
    public const string Task = EcsApi.Group + "/task";
    public const string ScheduledTask = EcsApi.Group + "/scheduled-task";
    public const string Family = EcsApi.Group + "/family";
    public const string Revision = EcsApi.Group + "/revision";
    public const string CapacityProvider = EcsApi.Group + "/capacity-provider";

    /// <summary>On an EcsTask an EcsEventRule's ecsTask target started, and on the ConfigMaps of the rule's deliveries: the rule's name.</summary>
    public const string EventRule = EcsApi.Group + "/event-rule";

    /// <summary>On the ConfigMaps of an EcsEventRule's deliveries: <see cref="EventRecordDeliveries"/> or <see cref="EventRecordPending"/>.</summary>
    public const string EventRecord = EcsApi.Group + "/event-record";

    /// <summary>The record of what a rule delivered (one per rule).</summary>
    public const string EventRecordDeliveries = "deliveries";

    /// <summary>A posted event accepted for a rule and not yet done for all its targets (one per event and rule).</summary>
    public const string EventRecordPending = "pending";

    /// <summary>The label the Job controller puts on a Job's pods (Kubernetes' own): how a task finds its Job's pod.</summary>
    public const string JobName = "job-name";

    /// <summary>On a Secret in the operator's namespace: an access key of the ECS API endpoint (value "true").</summary>
    public const string EcsApiKey = EcsApi.Group + "/ecs-api-key";

    /// <summary>Prefix of labels made from ECS tags (sanitised).</summary>
    public const string TagPrefix = "tags." + EcsApi.Group + "/";
}
