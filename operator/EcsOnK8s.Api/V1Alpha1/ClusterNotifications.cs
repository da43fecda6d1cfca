namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ClusterNotifications
{
    /// <summary>HTTP endpoints that receive the cluster's ECS events (task and service state changes), signed with HMAC.</summary>
    public List<WebhookTarget>? Webhooks { get; set; }
}
