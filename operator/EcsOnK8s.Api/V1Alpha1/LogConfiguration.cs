using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class LogConfiguration
{
    /// <summary>The Docker log driver; awsfirelens routes logs through the task's log router container.</summary>
    [EnumValues("json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens")]
    public string? LogDriver { get; set; }

    /// <summary>Options of the log driver.</summary>
    public Dictionary<string, string>? Options { get; set; }

    /// <summary>Options of the log driver that come from secrets.</summary>
    public List<Secret>? SecretOptions { get; set; }
}
