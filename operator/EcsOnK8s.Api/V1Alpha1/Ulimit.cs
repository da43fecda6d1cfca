using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class Ulimit
{
    [EnumValues("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio",
        "rttime", "sigpending", "stack")]
    public string? Name { get; set; }

    public int? SoftLimit { get; set; }

    public int? HardLimit { get; set; }
}
