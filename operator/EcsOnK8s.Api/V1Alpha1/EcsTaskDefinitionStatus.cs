namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EcsTaskDefinitionStatus : IConditionsStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>The newest revision number.</summary>
    public int? LatestRevision { get; set; }

    /// <summary>The newest revision in ECS's family:revision form.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>An ARN-shaped identifier of the newest revision.</summary>
    public string? TaskDefinitionArn { get; set; }

    public List<TaskDefinitionRevision>? Revisions { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
