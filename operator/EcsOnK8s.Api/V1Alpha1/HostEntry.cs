namespace EcsOnK8s.Api.V1Alpha1;

public sealed class HostEntry
{
    public string? Hostname { get; set; }

    public string? IpAddress { get; set; }
}
