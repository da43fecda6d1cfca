using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOnK8s.Events.Input;

/// <summary>What a target receives for one event: JSON, or text (an input template that is not JSON).</summary>
public sealed record TargetPayload
{
    /// <summary>
    /// How payloads are written: characters JSON allows stay as they are (an object key "incoming/ä &amp; b.csv" is
    /// written so, not as \u escapes), as EventBridge writes them.
    /// </summary>
    public static JsonSerializerOptions WriteOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// How user-written JSON (input, templates) is read: a property given twice is refused when read, not an
    /// exception later when the object is first used.
    /// </summary>
    public static JsonDocumentOptions ReadOptions { get; } = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    private TargetPayload(string text, JsonNode? json, bool isJson)
    {
        Text = text;
        Json = json;
        IsJson = isJson;
    }

    /// <summary>The payload as sent (the body of an HTTP target).</summary>
    public string Text { get; }

    /// <summary>Whether <see cref="Text"/> is JSON; false for a text template's output.</summary>
    public bool IsJson { get; }

    /// <summary>The payload as JSON (null for JSON null and for text).</summary>
    public JsonNode? Json { get; }

    public static TargetPayload FromJson(JsonNode? json) =>
        new(json?.ToJsonString(WriteOptions) ?? "null", json, isJson: true);

    public static TargetPayload FromText(string text) => new(text, null, isJson: false);
}
