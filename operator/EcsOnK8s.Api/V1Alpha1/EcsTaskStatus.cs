namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>The tasks as ECS would describe them: their states, containers and stop reasons. Written by the operator only.</summary>
public sealed class EcsTaskStatus : IConditionsStatus
{
    /// <summary>The metadata.generation the operator last acted on; older than the object's generation means the status is stale.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>The resolved task definition, family:revision.</summary>
    public string? TaskDefinition { get; set; }

    /// <summary>PROVISIONING, PENDING, RUNNING, STOPPED for the task set as a whole.</summary>
    public string? LastStatus { get; set; }

    public List<TaskInstanceStatus>? Tasks { get; set; }

    public TranslationSummary? Translation { get; set; }

    public List<Condition>? Conditions { get; set; }
}
