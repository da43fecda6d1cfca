using System.Net.Mime;
using System.Security.Cryptography;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using EcsOnK8s.Events.Ecs;
using EcsOnK8s.Events.Input;

namespace EcsOnK8s.Controllers.Events;

/// <summary>
/// The body an HTTP target receives: a CloudEvents 1.0 message in structured mode (application/cloudevents+json).
/// id = the event id, source = its source, type = its detail-type, time, subject = its first resource, data = the
/// detail, or the target's rendered input when the target sets input, inputPath or inputTransformer; the AWS account
/// and region as the extension attributes <c>awsaccount</c> and <c>awsregion</c>. Pure.
/// </summary>
public static class CloudEventMessage
{
    /// <summary>The header carrying the body's signature when the target has a signing key.</summary>
    public const string SignatureHeader = "X-EcsOnK8s-Signature";

    /// <summary>The signature's prefix: <c>sha256=</c> and then the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
    public const string SignaturePrefix = "sha256=";

    private static readonly CloudEventAttribute s_account = CloudEventAttribute.CreateExtension("awsaccount", CloudEventAttributeType.String);
    private static readonly CloudEventAttribute s_region = CloudEventAttribute.CreateExtension("awsregion", CloudEventAttributeType.String);
    private static readonly JsonEventFormatter s_formatter = new();

    /// <summary>The structured-mode body and its content type; <paramref name="payload"/> null sends the detail.</summary>
    public static (ReadOnlyMemory<byte> Body, string ContentType) Encode(AwsEvent @event, TargetPayload? payload)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [s_account, s_region])
        {
            Id = @event.Id,
            Source = SourceOf(@event.Source),
            Type = @event.DetailType,
            Time = @event.Time,
            Subject = @event.Resources.Count > 0 ? @event.Resources[0] : null,
        };
        cloudEvent[s_account] = @event.Account;
        cloudEvent[s_region] = @event.Region;
        if (payload is null)
        {
            cloudEvent.DataContentType = MediaTypeNames.Application.Json;
            cloudEvent.Data = JsonSerializer.SerializeToElement(@event.Detail);
        }
        else if (payload.IsJson)
        {
            cloudEvent.DataContentType = MediaTypeNames.Application.Json;
            cloudEvent.Data = payload.Json is null ? JsonDocument.Parse("null").RootElement.Clone() : JsonSerializer.SerializeToElement(payload.Json);
        }
        else
        {
            cloudEvent.DataContentType = MediaTypeNames.Text.Plain;
            cloudEvent.Data = payload.Text;
        }

        var body = s_formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body, contentType.ToString());
    }

    /// <summary>The signature header's value for <paramref name="body"/>: <c>sha256=</c> + hex HMAC-SHA256 with <paramref name="key"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, body));

    /// <summary>A CloudEvent source is a URI reference: an event source that is not one (e.g. with spaces) is escaped.</summary>
    private static Uri SourceOf(string source) =>
        Uri.IsWellFormedUriString(source, UriKind.RelativeOrAbsolute)
            ? new Uri(source, UriKind.RelativeOrAbsolute)
            : new Uri(Uri.EscapeDataString(source), UriKind.Relative);
}
