using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LogConfiguration
{
    [EnumValues("json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens")]
    public string? LogDriver { get; set; }

    public Dictionary<string, string>? Options { get; set; }

    public List<Secret>? SecretOptions { get; set; }
}
