using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FirelensConfiguration
{
    /// <summary>The log router: fluentd or fluentbit.</summary>
    [EnumValues("fluentd", "fluentbit")]
    public string? Type { get; set; }

    /// <summary>Options of the log router (e.g. a config file).</summary>
    public Dictionary<string, string>? Options { get; set; }
}
