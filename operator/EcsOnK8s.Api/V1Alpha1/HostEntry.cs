namespace EcsOnK8s.Api.V1Alpha1;

public sealed class HostEntry
{
    /// <summary>A host name added to the container's /etc/hosts.</summary>
    public string? Hostname { get; set; }

    /// <summary>The IP address the host name resolves to.</summary>
    public string? IpAddress { get; set; }
}
