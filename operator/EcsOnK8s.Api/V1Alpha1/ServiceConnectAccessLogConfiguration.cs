using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Access logs of the Service Connect proxy.</summary>
public sealed class ServiceConnectAccessLogConfiguration
{
    /// <summary>The access log's format: TEXT or JSON.</summary>
    [EnumValues("TEXT", "JSON")]
    public string? Format { get; set; }

    /// <summary>Whether query parameters are logged: DISABLED or ENABLED.</summary>
    [EnumValues("DISABLED", "ENABLED")]
    public string? IncludeQueryParameters { get; set; }
}
