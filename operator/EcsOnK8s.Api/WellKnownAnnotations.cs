namespace EcsOnK8s.Api;

/// <summary>Annotations EcsOnK8s reads or writes. Defined once.</summary>
public static class WellKnownAnnotations
{
    /// <summary>Hash of the desired object last applied; equal hash means no write is needed.</summary>
    public const string DesiredHash = EcsApi.Group + "/desired-hash";

    /// <summary>Hash of the normalised task definition spec a ControllerRevision stores: an equal hash registers nothing.</summary>
    public const string SpecHash = EcsApi.Group + "/spec-hash";

    /// <summary>The task definition a workload runs, family:revision.</summary>
    public const string TaskDefinition = EcsApi.Group + "/task-definition";

    /// <summary>The nominal fire time (ISO 8601, UTC) of a schedule's run, on the run's Job.</summary>
    public const string ScheduledTime = EcsApi.Group + "/scheduled-time";

    /// <summary>
    /// On a task's Job the operator stopped before it ever ran (its pod refused past the start timeout): the ECS
    /// stoppedReason. The Job keeps it, so the task's status says why whatever the operator restarts.
    /// </summary>
    public const string StoppedReason = EcsApi.Group + "/stopped-reason";

    /// <summary>On such a Job: when the operator stopped it (ISO 8601, UTC).</summary>
    public const string StoppedAt = EcsApi.Group + "/stopped-at";

    /// <summary>On an EcsTask an event started: the EcsEventRule's name, in full.</summary>
    public const string EventRule = EcsApi.Group + "/event-rule";

    /// <summary>On an EcsTask an event started: the id of the rule's target that started it.</summary>
    public const string EventTarget = EcsApi.Group + "/event-target";

    /// <summary>On an EcsTask an event started: the event's id (a redelivery finds the task by its name, made of it).</summary>
    public const string EventId = EcsApi.Group + "/event-id";

    /// <summary>
    /// On an EcsService: when UpdateService last asked for a new deployment (forceNewDeployment); copied onto the pod
    /// template, so a new value rolls every task.
    /// </summary>
    public const string ForceNewDeployment = EcsApi.Group + "/force-new-deployment";

    /// <summary>
    /// On an EcsCluster: the Secret (in the workload's namespace) whose AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
    /// (optionally AWS_SESSION_TOKEN) KEDA's AWS scalers use instead of pod identity.
    /// </summary>
    public const string KedaAwsCredentials = EcsApi.Group + "/keda-aws-credentials";

    /// <summary>IRSA role annotation EKS reads on ServiceAccounts.</summary>
    public const string EksRoleArn = "eks.amazonaws.com/role-arn";

    /// <summary>Prefix of annotations that record ECS settings with no Kubernetes field (log drivers, FireLens).</summary>
    public const string EcsPrefix = "ecs." + EcsApi.Group + "/";
}
