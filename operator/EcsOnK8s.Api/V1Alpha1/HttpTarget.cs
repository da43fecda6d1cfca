using EcsOnK8s.Api.Schema;

namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>An HTTP target (like an EventBridge API destination): each matching event is POSTed to the URL.</summary>
public sealed class HttpTarget
{
    /// <summary>http or https URL the event is POSTed to.</summary>
    [SchemaRequired]
    public string? Url { get; set; }

    /// <summary>Extra request headers (constant values; no secrets here, use signingSecretRef).</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>
    /// A key of a Secret in the rule's namespace whose value signs the body (HMAC-SHA256, in a header). A reference
    /// only: the value is read when delivering, never copied into the spec, status or logs.
    /// </summary>
    public SecretKeyReference? SigningSecretRef { get; set; }

    /// <summary>Constant JSON text sent instead of the event.</summary>
    public string? Input { get; set; }

    /// <summary>JSONPath ($, $.a.b, $.a[0]) of the part of the event that is sent.</summary>
    public string? InputPath { get; set; }

    /// <summary>Variables taken from the event and a template that makes the body of them.</summary>
    public InputTransformer? InputTransformer { get; set; }
}
