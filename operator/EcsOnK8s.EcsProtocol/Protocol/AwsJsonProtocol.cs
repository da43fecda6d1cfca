using System.Text.Json.Nodes;

namespace EcsOnK8s.EcsProtocol.Protocol;

/// <summary>
/// The AWS JSON 1.1 protocol as ECS speaks it: <c>POST /</c>, the operation in <c>X-Amz-Target</c>, members in a JSON
/// object, errors as <c>{"__type": ..., "message": ...}</c> with the HTTP status AWS uses for the type.
/// </summary>
public static class AwsJsonProtocol
{
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>The target prefix of ECS's operations (its API version).</summary>
    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";

    public const string TargetHeader = "X-Amz-Target";

    /// <summary>The HTTP status AWS answers with for an error type.</summary>
    public static int StatusOf(EcsErrorType type) => type switch
    {
        EcsErrorType.UnrecognizedClientException or EcsErrorType.InvalidSignatureException or EcsErrorType.IncompleteSignatureException
            or EcsErrorType.MissingAuthenticationTokenException => 403,
        EcsErrorType.UnknownOperationException => 400,
        EcsErrorType.RequestEntityTooLargeException => 413,
        EcsErrorType.ServerException => 500,
        _ => 400,
    };

    /// <summary>The operation a target names, or an <see cref="EcsErrorType.UnknownOperationException"/>.</summary>
    public static string OperationOf(string? target)
    {
        if (string.IsNullOrEmpty(target) || !target.StartsWith(TargetPrefix, StringComparison.Ordinal) || target.Length == TargetPrefix.Length)
        {
            throw new EcsApiException(EcsErrorType.UnknownOperationException, target is null or { Length: 0 }
                ? $"Missing {TargetHeader} header: send {TargetPrefix}OPERATION."
                : "Unknown operation: the target does not name an operation of this service.");
        }

        return target[TargetPrefix.Length..];
    }

    /// <summary>The request's members: an empty body is an empty object; anything but a JSON object is a SerializationException.</summary>
    public static JsonObject ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Trim((byte)' ').IsEmpty)
        {
            return [];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new EcsApiException(EcsErrorType.SerializationException, "The request body is not valid JSON.");
        }

        return node as JsonObject ?? throw new EcsApiException(EcsErrorType.SerializationException, "The request body must be a JSON object.");
    }

    /// <summary>The error body AWS's clients read.</summary>
    public static JsonObject ErrorBody(EcsErrorType type, string message) => new()
    {
        ["__type"] = type.ToString(),
        ["message"] = message,
    };
}
