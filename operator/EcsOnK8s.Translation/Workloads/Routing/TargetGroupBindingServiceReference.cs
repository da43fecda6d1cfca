using System.Text.Json.Serialization;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Routing;

public sealed class TargetGroupBindingServiceReference
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The Service port (number or name).</summary>
    [JsonPropertyName("port")]
    public IntOrString? Port { get; set; }
}
