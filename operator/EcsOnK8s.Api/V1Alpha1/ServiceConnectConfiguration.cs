namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectConfiguration
{
    public bool? Enabled { get; set; }

    public string? Namespace { get; set; }

    public List<ServiceConnectService>? Services { get; set; }

    public LogConfiguration? LogConfiguration { get; set; }

    /// <summary>Access logs of the Service Connect proxy.</summary>
    public ServiceConnectAccessLogConfiguration? AccessLogConfiguration { get; set; }
}
