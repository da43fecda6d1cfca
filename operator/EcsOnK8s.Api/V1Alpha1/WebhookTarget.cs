namespace EcsOnK8s.Api.V1Alpha1;

public sealed class WebhookTarget
{
    /// <summary>The webhook's name, for status and logs.</summary>
    public string? Name { get; set; }

    /// <summary>The HTTPS URL the events are posted to.</summary>
    public string? Url { get; set; }

    /// <summary>ECS event types to send, e.g. "ECS Task State Change", "ECS Deployment State Change".</summary>
    public List<string>? EventTypes { get; set; }

    /// <summary>Secret key holding the HMAC key that signs each delivery.</summary>
    public SecretKeyReference? HmacSecretRef { get; set; }
}
