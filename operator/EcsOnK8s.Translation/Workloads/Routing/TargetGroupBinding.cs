using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>
/// The AWS Load Balancer Controller's TargetGroupBinding (elbv2.k8s.aws/v1beta1): registers the endpoints of a
/// Service in an existing target group, ECS's own model of a service's loadBalancers[].targetGroupArn.
/// </summary>
public sealed class TargetGroupBinding : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "elbv2.k8s.aws/v1beta1";
    public const string KubeKind = "TargetGroupBinding";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TargetGroupBindingSpec Spec { get; set; } = new();
}
