using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

public sealed class ScaledObjectSpec
{
    [JsonPropertyName("scaleTargetRef")]
    public ScaleTargetReference ScaleTargetRef { get; set; } = new();

    [JsonPropertyName("pollingInterval")]
    public int? PollingInterval { get; set; }

    [JsonPropertyName("minReplicaCount")]
    public int? MinReplicaCount { get; set; }

    [JsonPropertyName("maxReplicaCount")]
    public int? MaxReplicaCount { get; set; }

    [JsonPropertyName("advanced")]
    public ScaledObjectAdvanced? Advanced { get; set; }

    [JsonPropertyName("triggers")]
    public IList<ScaledObjectTrigger> Triggers { get; set; } = [];
}
