using System.Text.Json.Serialization;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>What KEDA copies into the HPA it creates: the scaling behavior (stabilization windows, rate limits).</summary>
public sealed class HorizontalPodAutoscalerConfig
{
    [JsonPropertyName("behavior")]
    public V2HorizontalPodAutoscalerBehavior? Behavior { get; set; }
}
