namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>What the operator observed of the cluster: its capacity providers, service and task counts, conditions. Written by the operator only.</summary>
public sealed class EcsClusterStatus : IConditionsStatus
{
    /// <summary>The metadata.generation the operator last acted on; older than the object's generation means the status is stale.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>ACTIVE when the cluster is valid.</summary>
    public string? Status { get; set; }

    /// <summary>The capacity providers the cluster offers, in spec order.</summary>
    public List<string>? RegisteredCapacityProviders { get; set; }

    /// <summary>EcsServices that run in this cluster.</summary>
    public int? ActiveServicesCount { get; set; }

    /// <summary>Tasks of the cluster that are running.</summary>
    public int? RunningTasksCount { get; set; }

    /// <summary>Tasks of the cluster that are started but not running yet.</summary>
    public int? PendingTasksCount { get; set; }

    public List<Condition>? Conditions { get; set; }
}
