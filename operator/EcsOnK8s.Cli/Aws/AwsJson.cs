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
    /// <summary>Parses <paramref name="text"/>; a syntax error names the file, line and column (1-based).</summary>
    public static JsonNode Parse(string file, string text)
    {
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

    /// <summary>Deserializes a node into a model type; a type error names the file and the JSON path.</summary>
    public static T Deserialize<T>(string file, JsonNode node, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(node);
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
    public static void ReportUnknownFields(JsonNode? input, object model, string prefix, TranslationReport report, string reason = "unknown field: not part of the ECS API model, not translated")
    {
        ArgumentNullException.ThrowIfNull(report);
        var roundTrip = JsonNode.Parse(KubernetesJson.Serialize(model));
        Diff(input, roundTrip, prefix, report, reason);
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

    private static void Diff(JsonNode? input, JsonNode? known, string path, TranslationReport report, string reason)
    {
        switch (input)
        {
            case JsonObject obj:
                var knownObj = known as JsonObject;
                foreach (var (key, value) in obj)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (knownObj is null || !knownObj.TryGetPropertyValue(key, out var knownValue))
                    {
                        report.Ignored(childPath, reason);
                        continue;
                    }

                    Diff(value, knownValue, childPath, report, reason);
                }

                break;
            case JsonArray array:
                var knownArray = known as JsonArray;
                for (var i = 0; i < array.Count; i++)
                {
                    Diff(array[i], knownArray is not null && i < knownArray.Count ? knownArray[i] : null, $"{path}[{i}]", report, reason);
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
