namespace EcsOnK8s.Api;

/// <summary>PascalCase reasons of EcsOnK8s conditions. Messages carry the human details.</summary>
public static class ConditionReasons
{
    public const string Reconciled = "Reconciled";
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The stored object cannot be read into the operator's model (e.g. a number past Int32 stored before the CRD bounded it).</summary>
    public const string Undecodable = "Undecodable";
    public const string PolicyRefused = "PolicyRefused";

    /// <summary>An EcsCluster's spec.policy allows more than the EcsClusterPolicies of its namespace do.</summary>
    public const string PolicyExceedsBound = "PolicyExceedsBound";

    /// <summary>An EcsCluster's spec.policy is within what the EcsClusterPolicies of its namespace allow.</summary>
    public const string WithinPolicyBound = "WithinPolicyBound";

    /// <summary>An EcsClusterPolicy is valid and in force.</summary>
    public const string Accepted = "Accepted";

    /// <summary>Kubernetes refused to create a workload's pods (FailedCreate); the message is the admission's.</summary>
    public const string PodsRefused = "PodsRefused";

    /// <summary>Kubernetes creates the workload's pods.</summary>
    public const string PodsCreated = "PodsCreated";

    /// <summary>A task role names a ServiceAccount that exists and that EcsOnK8s did not create.</summary>
    public const string ServiceAccountConflict = "ServiceAccountConflict";

    /// <summary>A volume names a PersistentVolumeClaim that exists and that EcsOnK8s did not create.</summary>
    public const string ClaimConflict = "ClaimConflict";
    public const string TranslationRejected = "TranslationRejected";
    public const string TaskDefinitionNotFound = "TaskDefinitionNotFound";
    public const string RevisionNotFound = "RevisionNotFound";
    public const string RevisionInactive = "RevisionInactive";
    public const string ClusterNotFound = "ClusterNotFound";
    public const string ClusterInvalid = "ClusterInvalid";
    public const string RolloutInProgress = "RolloutInProgress";
    public const string RolloutCompleted = "RolloutCompleted";
    public const string RolloutFailed = "RolloutFailed";
    public const string RolledBack = "RolledBack";
    public const string SteadyState = "SteadyState";
    public const string ApplyFailed = "ApplyFailed";

    /// <summary>A child's name is held by an object another workload owns, or one EcsOnK8s did not write: left as it is.</summary>
    public const string ChildNameConflict = "ChildNameConflict";

    /// <summary>The API server refused a rendered child (HTTP 400/422); the message is the server's.</summary>
    public const string ChildRejected = "ChildRejected";

    /// <summary>The task definition's current spec was refused, so the workload keeps the latest revision registered before it.</summary>
    public const string TaskDefinitionInvalid = "TaskDefinitionInvalid";

    /// <summary>A task of an EcsTask failed: a container exited with a non-zero code, or the task could not start.</summary>
    public const string TaskFailed = "TaskFailed";

    /// <summary>A schedule's expression, time zone or dates cannot be evaluated; the message names the field.</summary>
    public const string ScheduleInvalid = "ScheduleInvalid";

    /// <summary>A schedule has fire times left (the Ended condition is False).</summary>
    public const string ScheduleActive = "ScheduleActive";

    /// <summary>A schedule has no fire time left: its end date, or its one at() time, has passed.</summary>
    public const string ScheduleEnded = "ScheduleEnded";

    /// <summary>A schedule is DISABLED: no runs start (the Ended condition is False).</summary>
    public const string ScheduleDisabled = "ScheduleDisabled";

    /// <summary>An EcsEventRule's event pattern is not a valid EventBridge pattern.</summary>
    public const string InvalidEventPattern = "InvalidEventPattern";

    /// <summary>An EcsEventRule is DISABLED: it matches no event.</summary>
    public const string RuleDisabled = "RuleDisabled";

    /// <summary>An EcsEventRule used up its invocations of a minute (spec.maxInvocationsPerMinute): events are dead letters.</summary>
    public const string InvocationCapReached = "InvocationCapReached";

    /// <summary>Events to a target of an EcsEventRule became dead letters recently.</summary>
    public const string DeliveryFailing = "DeliveryFailing";
}
