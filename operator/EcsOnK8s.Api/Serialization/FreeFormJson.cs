using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EcsOnK8s.Api.Serialization;

/// <summary>
/// An AWS "document" member: any JSON value, kept as given. It reads and writes itself both through
/// System.Text.Json (<c>KubernetesJson</c>, the API server) and through YamlDotNet (<c>KubernetesYaml</c>), so a
/// free-form value survives either path; the generated schema keeps it with x-kubernetes-preserve-unknown-fields.
/// </summary>
[JsonConverter(typeof(FreeFormJsonConverter))]
public sealed class FreeFormJson : IYamlConvertible
{
    public FreeFormJson()
    {
    }

    public FreeFormJson(JsonNode? value) => Value = value;

    /// <summary>The value; null for JSON null.</summary>
    public JsonNode? Value { get; private set; }

    void IYamlConvertible.Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer) =>
        Value = ReadNode(parser);

    void IYamlConvertible.Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) =>
        WriteNode(emitter, Value);

    private static JsonNode? ReadNode(IParser parser)
    {
        if (parser.TryConsume<MappingStart>(out _))
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                obj[key] = ReadNode(parser);
            }

            return obj;
        }

        if (parser.TryConsume<SequenceStart>(out _))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser));
            }

            return array;
        }

        var scalar = parser.Consume<Scalar>();
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(scalar.Value);
        }

        return scalar.Value switch
        {
            "null" or "~" or "" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when LooksLikeJsonNumber(scalar.Value) => JsonNode.Parse(scalar.Value),
            _ => JsonValue.Create(scalar.Value),
        };
    }

    private static void WriteNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(new Scalar(null, null, key, ScalarStyle.DoubleQuoted, false, true));
                    WriteNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in array)
                {
                    WriteNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                var kind = node.GetValueKind();
                var text = kind == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
                var style = kind == JsonValueKind.String ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain;
                emitter.Emit(new Scalar(null, null, text, style, style == ScalarStyle.Plain, style != ScalarStyle.Plain));
                break;
        }
    }

    private static bool LooksLikeJsonNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        && text.Length > 0
        && (char.IsAsciiDigit(text[0]) || text[0] == '-')
        && !text.Contains('_', StringComparison.Ordinal);
}
