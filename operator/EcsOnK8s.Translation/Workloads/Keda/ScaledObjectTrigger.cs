using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>One scaler of a ScaledObject: its type (aws-sqs-queue, aws-cloudwatch, cpu, memory) and its settings.</summary>
public sealed class ScaledObjectTrigger
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>Value, AverageValue or Utilization (cpu and memory).</summary>
    [JsonPropertyName("metricType")]
    public string? MetricType { get; set; }

    /// <summary>The scaler's read of the metric is the one of the last polling interval, not a fresh query per HPA sync.</summary>
    [JsonPropertyName("useCachedMetrics")]
    public bool? UseCachedMetrics { get; set; }

    [JsonPropertyName("metadata")]
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    [JsonPropertyName("authenticationRef")]
    public AuthenticationReference? AuthenticationRef { get; set; }
}
