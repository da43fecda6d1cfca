using System.Text.Json.Serialization;

namespace EcsOnK8s.Translation.Workloads.Routing;

public sealed class TargetGroupBindingSpec
{
    [JsonPropertyName("serviceRef")]
    public TargetGroupBindingServiceReference ServiceRef { get; set; } = new();

    [JsonPropertyName("targetGroupARN")]
    public string? TargetGroupArn { get; set; }

    /// <summary>ip: the pods' IPs are the targets, as awsvpc tasks are in ECS.</summary>
    [JsonPropertyName("targetType")]
    public string? TargetType { get; set; }
}
