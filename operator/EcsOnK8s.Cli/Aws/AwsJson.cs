using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Translation.Report;
using k8s;

namespace EcsOnK8s.Cli.Aws;

/// <summary>
/// Reading AWS JSON documents: parse errors with 1-based line and column, type errors with the JSON path, and
/// fields that the model does not know reported (Ignored, "unknown field") rather than dropped silently.
/// </summary>
public static class AwsJson
{
    public const string UnknownField = "unknown field: not part of the ECS API model, not translated";

    /// <summary>
    /// Parses <paramref name="text"/>, JSON or YAML (see <see cref="YamlInput.IsYaml"/>); a syntax error names the
    /// file, line and column (1-based).
    /// </summary>
    public static JsonNode Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        if (YamlInput.IsYaml(file, text))
        {
            return YamlInput.Parse(file, text);
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })
                ?? throw new AwsInputException($"{file}: the document is null");
        }
        catch (JsonException e)
        {
            throw new AwsInputException($"{file}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: malformed JSON: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>
    /// Deserializes a node into a model type; a type error names the file and the JSON path. Read leniently, as
    /// templating tools and YAML write documents: a number or boolean where the model takes a string is that text,
    /// and with a <paramref name="report"/>, an empty string for a field of fixed values (<c>"pidMode": ""</c>) is
    /// unset, reported Ignored under <paramref name="reportPrefix"/>.
    /// </summary>
    public static T Deserialize<T>(string file, JsonNode node, string pathPrefix, TranslationReport? report = null, string? reportPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        Normalize(node, typeof(T), reportPrefix ?? string.Empty, report);
        try
        {
            return KubernetesJson.Deserialize<T>(node.ToJsonString())
                ?? throw new AwsInputException($"{file}: {pathPrefix}: the document is null");
        }
        catch (JsonException e)
        {
            var path = e.Path is null ? pathPrefix : pathPrefix + e.Path.TrimStart('$');
            throw new AwsInputException($"{file}: {path}: {FirstSentence(e.Message)}", e);
        }
        catch (FormatException e)
        {
            throw new AwsInputException($"{file}: {pathPrefix}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reports every field of <paramref name="input"/> that does not survive a round trip through
    /// <paramref name="model"/> (an unknown field, or one of another name), under <paramref name="prefix"/>.
    /// </summary>
    /// <remarks>An unknown field close to a known one of the model says "did you mean" that one.</remarks>
    public static void ReportUnknownFields(JsonNode? input, object model, string prefix, TranslationReport report, string reason = UnknownField)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(report);
        var roundTrip = JsonNode.Parse(KubernetesJson.Serialize(model));
        Diff(input, roundTrip, model.GetType(), prefix, report, reason);
    }

    /// <summary>A copy of a PascalCase AWS document with lowerCamelCase keys (except under the named keys, kept verbatim).</summary>
    public static JsonNode? CamelCase(JsonNode? node, params string[] verbatimKeys)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var camel = key.Length == 0 ? key : char.ToLowerInvariant(key[0]) + key[1..];
                    result[camel] = verbatimKeys.Contains(key, StringComparer.Ordinal) ? value?.DeepClone() : CamelCase(value, verbatimKeys);
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(v => CamelCase(v, verbatimKeys)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    private static void Normalize(JsonNode? node, Type? type, string path, TranslationReport? report)
    {
        switch (node)
        {
            case JsonObject obj when ModelFields.IsDictionary(type):
                foreach (var (key, value) in obj.ToList())
                {
                    Child(obj, key, value, ModelFields.ItemType(type), enumValued: false, $"{path}.{key}", report);
                }

                break;
            case JsonObject obj when ModelFields.Of(type) is { } fields:
                foreach (var (key, value) in obj.ToList())
                {
                    if (fields.TryGetValue(key, out var field))
                    {
                        Child(obj, key, value, field.Type, field.EnumValued, path.Length == 0 ? key : $"{path}.{key}", report);
                    }
                }

                break;
            case JsonArray array:
                var itemType = ModelFields.ItemType(type);
                for (var i = 0; i < array.Count; i++)
                {
                    if (Coerced(array[i], itemType) is { } text)
                    {
                        array[i] = text;
                    }
                    else
                    {
                        Normalize(array[i], itemType, $"{path}[{i}]", report);
                    }
                }

                break;
        }
    }

    private static void Child(JsonObject parent, string key, JsonNode? value, Type? type, bool enumValued, string path, TranslationReport? report)
    {
        if (enumValued && report is not null && value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0)
        {
            parent.Remove(key);
            report.Ignored(path, "empty string: unset, as if the field were absent");
        }
        else if (Coerced(value, type) is { } text)
        {
            parent[key] = text;
        }
        else
        {
            Normalize(value, type, path, report);
        }
    }

    // The text of a number or boolean given where the model takes a string; null when nothing is to change.
    private static string? Coerced(JsonNode? value, Type? type) =>
        type == typeof(string) && value is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? v.ToJsonString()
            : null;

    private static void Diff(JsonNode? input, JsonNode? known, Type? type, string path, TranslationReport report, string reason)
    {
        switch (input)
        {
            case JsonObject obj when ModelFields.IsDictionary(type):
                foreach (var (key, value) in obj)
                {
                    Diff(value, (known as JsonObject)?[key], ModelFields.ItemType(type), path.Length == 0 ? key : $"{path}.{key}", report, reason);
                }

                break;
            case JsonObject obj:
                var knownObj = known as JsonObject;
                var fields = ModelFields.Of(type);
                foreach (var (key, value) in obj)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (knownObj is null || !knownObj.TryGetPropertyValue(key, out var knownValue))
                    {
                        var closest = fields is null || fields.ContainsKey(key) ? null : Suggestions.Closest(key, fields.Keys);
                        report.Ignored(childPath, closest is null ? reason : $"{reason}; did you mean '{closest}'?");
                        continue;
                    }

                    Diff(value, knownValue, fields?.GetValueOrDefault(key)?.Type, childPath, report, reason);
                }

                break;
            case JsonArray array:
                var knownArray = known as JsonArray;
                var itemType = ModelFields.ItemType(type);
                for (var i = 0; i < array.Count; i++)
                {
                    Diff(array[i], knownArray is not null && i < knownArray.Count ? knownArray[i] : null, itemType, $"{path}[{i}]", report, reason);
                }

                break;
        }
    }

    // System.Text.Json appends its own 0-based position and path, and names CLR types: keep what a user needs.
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut].TrimEnd();
            }
        }

        const string conversion = "The JSON value could not be converted to ";
        if (message.StartsWith(conversion, StringComparison.Ordinal))
        {
            var type = message[conversion.Length..].TrimEnd('.');
            var expected = type switch
            {
                _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "an integer",
                _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
                _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
                _ when type.Contains("String", StringComparison.Ordinal) && !type.Contains("List", StringComparison.Ordinal) && !type.Contains("Dictionary", StringComparison.Ordinal) => "a string",
                _ when type.Contains("List", StringComparison.Ordinal) => "an array",
                _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object of strings",
                _ => "an object",
            };
            return $"expected {expected}";
        }

        return message;
    }
}
