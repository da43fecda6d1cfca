namespace EcsOnK8s.Events.Ecs;

/// <summary>What the operator observed of a service: the input of an "ECS Service Action" event.</summary>
public sealed record ServiceAction
{
    public required string Cluster { get; init; }

    public required string ServiceName { get; init; }

    /// <summary>The EcsService's Kubernetes UID: half of the event id.</summary>
    public required string ServiceUid { get; init; }

    public required ServiceActionName Name { get; init; }

    /// <summary>The eventType; unset, the one ECS documents for the name.</summary>
    public EcsEventType? EventType { get; init; }

    /// <summary>
    /// Identifies this occurrence (e.g. the generation or desired count it is about): the same occurrence gives the
    /// same event id, another one a new id.
    /// </summary>
    public required string StateVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Why, for the failure events (ECS writes e.g. RESOURCE:MEMORY for a placement failure).</summary>
    public string? Reason { get; init; }

    /// <summary>Capacity providers the event is about (placement failures); written as ARNs.</summary>
    public IReadOnlyList<string> CapacityProviders { get; init; } = [];

    /// <summary>Kubernetes UIDs of the tasks the event is about (TASKS_STOPPED); written as task ARNs.</summary>
    public IReadOnlyList<string> TaskUids { get; init; } = [];
}
