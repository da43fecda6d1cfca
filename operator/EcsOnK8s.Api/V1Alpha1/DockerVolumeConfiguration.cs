using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

public sealed class DockerVolumeConfiguration
{
    /// <summary>task: the volume lives as long as the task; shared: it outlives the task.</summary>
    [EnumValues("task", "shared")]
    public string? Scope { get; set; }

    /// <summary>Whether a shared volume is created when it does not exist.</summary>
    public bool? Autoprovision { get; set; }

    /// <summary>The Docker volume driver.</summary>
    public string? Driver { get; set; }

    /// <summary>Options of the Docker volume driver.</summary>
    public Dictionary<string, string>? DriverOpts { get; set; }

    /// <summary>Labels of the Docker volume.</summary>
    public Dictionary<string, string>? Labels { get; set; }
}
