namespace EcsOnK8s.Api.V1Alpha1;

public sealed class EcsClusterStatus : IConditionsStatus
{
    public long? ObservedGeneration { get; set; }

    /// <summary>ACTIVE when the cluster is valid.</summary>
    public string? Status { get; set; }

    public List<string>? RegisteredCapacityProviders { get; set; }

    public int? ActiveServicesCount { get; set; }

    public int? RunningTasksCount { get; set; }

    public int? PendingTasksCount { get; set; }

    public List<Condition>? Conditions { get; set; }
}
