using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

public sealed class ScaledObjectAdvanced
{
    [JsonPropertyName("horizontalPodAutoscalerConfig")]
    public HorizontalPodAutoscalerConfig? HorizontalPodAutoscalerConfig { get; set; }
}
