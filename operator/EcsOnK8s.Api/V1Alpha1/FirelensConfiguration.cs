using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class FirelensConfiguration
{
    [EnumValues("fluentd", "fluentbit")]
    public string? Type { get; set; }

    public Dictionary<string, string>? Options { get; set; }
}
