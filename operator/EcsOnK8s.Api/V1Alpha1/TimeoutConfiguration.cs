namespace EcsOnK8s.Api.V1Alpha1;

public sealed class TimeoutConfiguration
{
    public int? IdleTimeoutSeconds { get; set; }

    public int? PerRequestTimeoutSeconds { get; set; }
}
