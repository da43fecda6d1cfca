using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>Access logs of the Service Connect proxy.</summary>
public sealed class ServiceConnectAccessLogConfiguration
{
    [EnumValues("TEXT", "JSON")]
    public string? Format { get; set; }

    [EnumValues("DISABLED", "ENABLED")]
    public string? IncludeQueryParameters { get; set; }
}
