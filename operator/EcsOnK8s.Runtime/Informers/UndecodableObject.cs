using System.Text.Json;
using EcsOnK8s.Runtime.Kube;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>
/// An object the API server serves that the typed model cannot read, e.g. a number past Int32 stored before the CRD
/// bounded it. Informers leave such an object out of their typed cache (as if it were absent) and report it apart, so
/// that one object never stops a list or a watch; its next readable version comes back as an ordinary add.
/// </summary>
/// <param name="ApiVersion">The object's apiVersion (the resource's when the list item carries none).</param>
/// <param name="Kind">The object's kind (the resource's when the list item carries none).</param>
/// <param name="Key">Namespace and name, read from the raw metadata.</param>
/// <param name="Uid">metadata.uid, when readable.</param>
/// <param name="ResourceVersion">metadata.resourceVersion, when readable.</param>
/// <param name="Generation">metadata.generation, when readable.</param>
/// <param name="Path">Where decoding failed, as a field path (e.g. <c>spec.containerDefinitions[0].memory</c>); empty when unknown.</param>
/// <param name="Error">Why, without the value (a message of the decoder, not of the object).</param>
/// <param name="Raw">The object as the API server sent it.</param>
public sealed record UndecodableObject(
    string ApiVersion,
    string Kind,
    ObjectKey Key,
    string? Uid,
    string? ResourceVersion,
    long? Generation,
    string Path,
    string Error,
    JsonElement Raw)
{
    /// <summary>Describes <paramref name="raw"/>, which failed to decode with <paramref name="error"/>.</summary>
    public static UndecodableObject From(JsonElement raw, Exception error, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(type);
        var metadata = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? m
            : default;
        var path = error is JsonException { Path: { } jsonPath } ? FieldPath(jsonPath) : string.Empty;
        var message = error.Message;

        // The decoder appends where it failed ("Path: $.spec... | LineNumber: ..."); the path is kept apart.
        var tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail > 0)
        {
            message = message[..tail];
        }

        return new UndecodableObject(
            StringOf(raw, "apiVersion") ?? type.ApiVersion,
            StringOf(raw, "kind") ?? type.Kind,
            new ObjectKey(StringOf(metadata, "namespace") ?? string.Empty, StringOf(metadata, "name") ?? string.Empty),
            StringOf(metadata, "uid"),
            StringOf(metadata, "resourceVersion"),
            metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("generation", out var g) && g.TryGetInt64(out var generation) ? generation : null,
            path,
            message,
            raw.Clone());
    }

    /// <summary>"$.spec.a[0].b" as "spec.a[0].b"; "$['odd.name']" stays bracketed.</summary>
    private static string FieldPath(string jsonPath) =>
        jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string? StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() is { Length: > 0 } text ? text : null
            : null;
}
