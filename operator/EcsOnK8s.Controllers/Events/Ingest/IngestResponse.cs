using System.Text.Json.Nodes;

namespace EcsOnK8s.Controllers.Events.Ingest;

/// <summary>What the endpoint answers: an HTTP status and a JSON body (PutEvents' answer or EventBridge's error shape).</summary>
public sealed record IngestResponse(int StatusCode, JsonObject Body)
{
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>EventBridge's error shape, <c>{"__type": ..., "message": ...}</c>, with the type's HTTP status.</summary>
    public static IngestResponse Error(EventBridgeErrorType type, string message) =>
        new(StatusOf(type), new JsonObject { ["__type"] = type.ToString(), ["message"] = message });

    /// <summary>The error type of an error answer; null for an answer that is not one.</summary>
    public EventBridgeErrorType? ErrorType =>
        Body["__type"]?.GetValue<string>() is { } text && Enum.TryParse<EventBridgeErrorType>(text, out var type) ? type : null;

    public static int StatusOf(EventBridgeErrorType type) => type switch
    {
        EventBridgeErrorType.UnrecognizedClientException => 401,
        EventBridgeErrorType.AccessDeniedException => 403,
        EventBridgeErrorType.UnknownOperationException => 404,
        EventBridgeErrorType.RequestEntityTooLargeException => 413,
        EventBridgeErrorType.UnsupportedMediaTypeException => 415,
        EventBridgeErrorType.RequestTimeoutException => 408,
        EventBridgeErrorType.ThrottlingException => 429,
        EventBridgeErrorType.InternalException => 500,
        _ => 400,
    };
}
