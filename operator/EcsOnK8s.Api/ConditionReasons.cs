namespace EcsOnK8s.Api;

/// <summary>PascalCase reasons of EcsOnK8s conditions. Messages carry the human details.</summary>
public static class ConditionReasons
{
    public const string Reconciled = "Reconciled";
    public const string InvalidSpec = "InvalidSpec";
    public const string PolicyRefused = "PolicyRefused";

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
}
