using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>KEDA's pod identity: provider aws is the KEDA operator's IRSA role, which assumes <see cref="RoleArn"/> when set.</summary>
public sealed class PodIdentity
{
    [JsonPropertyName("provider")]
    public string Provider { get; set; } = "aws";

    [JsonPropertyName("roleArn")]
    public string? RoleArn { get; set; }
}
