using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DockerVolumeConfiguration
{
    [EnumValues("task", "shared")]
    public string? Scope { get; set; }

    public bool? Autoprovision { get; set; }

    public string? Driver { get; set; }

    public Dictionary<string, string>? DriverOpts { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}
