namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceEvent
{
    /// <summary>The event's id.</summary>
    public string? Id { get; set; }

    /// <summary>When the event happened.</summary>
    public DateTime? CreatedAt { get; set; }

    /// <summary>What happened, in ECS's words (e.g. "service web has reached a steady state.").</summary>
    public string? Message { get; set; }
}
