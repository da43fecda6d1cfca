namespace EcsOnK8s.Api.V1Alpha1;

public sealed class ClusterNotifications
{
    public List<WebhookTarget>? Webhooks { get; set; }
}
