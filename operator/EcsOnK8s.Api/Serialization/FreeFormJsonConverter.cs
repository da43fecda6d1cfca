using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EcsOnK8s.Api.Serialization;

/// <summary>Reads and writes a <see cref="FreeFormJson"/> as the JSON value it holds.</summary>
public sealed class FreeFormJsonConverter : JsonConverter<FreeFormJson>
{
    public override bool HandleNull => true;

    public override FreeFormJson? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonNode.Parse(ref reader));

    public override void Write(Utf8JsonWriter writer, FreeFormJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value?.Value is null)
        {
            writer.WriteNullValue();
            return;
        }

        value.Value.WriteTo(writer, options);
    }
}
