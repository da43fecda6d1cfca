using System.Text.Json.Nodes;
using EcsOnK8s.EcsProtocol.Protocol;
using k8s;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>Typed reads of request members; the model checked their JSON types before an operation runs.</summary>
internal static class Members
{
    public static string? String(this JsonObject request, string name) => request[name] is JsonValue v ? v.GetValue<string>() : null;

    public static int? Int(this JsonObject request, string name) => request[name] is JsonValue v ? (int)v.GetValue<long>() : null;

    public static bool Bool(this JsonObject request, string name) => request[name] is JsonValue v && v.GetValue<bool>();

    public static List<string>? Strings(this JsonObject request, string name) =>
        request[name] is JsonArray a ? [.. a.Select(i => i!.GetValue<string>())] : null;

    public static bool Includes(this JsonObject request, string value) => request.Strings("include")?.Contains(value, StringComparer.Ordinal) == true;

    public static string Required(this JsonObject request, string name) =>
        request.String(name) is { Length: > 0 } value ? value : throw new EcsApiException(EcsErrorType.InvalidParameterException, $"{name}: must not be empty.");

    /// <summary>Members as one of our types (whose properties carry ECS's member names); a value our type cannot hold is refused naming the member.</summary>
    public static T As<T>(this JsonNode node, string what)
    {
        try
        {
            return KubernetesJson.Deserialize<T>(node.ToJsonString());
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new EcsApiException(EcsErrorType.SerializationException, $"{what}{e.Path?.TrimStart('$')}: the value cannot be read.");
        }
    }
}
