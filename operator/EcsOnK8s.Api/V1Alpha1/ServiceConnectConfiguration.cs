namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ServiceConnectConfiguration
{
    /// <summary>Whether Service Connect is on for the service.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The Cloud Map namespace the service's names live in.</summary>
    public string? Namespace { get; set; }

    /// <summary>The ports the service offers to others.</summary>
    public List<ServiceConnectService>? Services { get; set; }

    /// <summary>Log configuration of the Service Connect proxy.</summary>
    public LogConfiguration? LogConfiguration { get; set; }

    /// <summary>Access logs of the Service Connect proxy.</summary>
    public ServiceConnectAccessLogConfiguration? AccessLogConfiguration { get; set; }
}
