namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>The family's registered revisions and the latest one, and whether the spec was accepted. Written by the operator only.</summary>
public sealed class EcsTaskDefinitionStatus : IConditionsStatus
{
    /// <summary>The metadata.generation the operator last acted on; older than the object's generation means the status is stale.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>The newest revision number.</summary>
    public int? LatestRevision { get; set; }

    /// <summary>The newest revision in ECS's family:revision form.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>An ARN-shaped identifier of the newest revision.</summary>
    public string? TaskDefinitionArn { get; set; }

    /// <summary>Every stored revision of the family, oldest first, with its status.</summary>
    public List<TaskDefinitionRevision>? Revisions { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
