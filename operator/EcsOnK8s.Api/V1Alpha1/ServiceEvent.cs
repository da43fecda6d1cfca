namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceEvent
{
    public string? Id { get; set; }

    public DateTime? CreatedAt { get; set; }

    public string? Message { get; set; }
}
