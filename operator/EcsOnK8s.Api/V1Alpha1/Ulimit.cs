using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Ulimit
{
    /// <summary>The limit, e.g. nofile.</summary>
    [EnumValues("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio",
        "rttime", "sigpending", "stack")]
    public string? Name { get; set; }

    /// <summary>The soft limit.</summary>
    public int? SoftLimit { get; set; }

    /// <summary>The hard limit.</summary>
    public int? HardLimit { get; set; }
}
