using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>A Service (the default group and kind) and its port.</summary>
public sealed class HttpRouteBackendReference
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }
}
