namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EcsTaskStatus : IConditionsStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>The resolved task definition, family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>PROVISIONING, PENDING, RUNNING, STOPPED for the task set as a whole.</summary>
    public string? LastStatus { get; set; }

    public List<TaskInstanceStatus>? Tasks { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
