using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsOnK8s.Api.Serialization;

/// <summary>
/// Reads a JSON string or number into a string and always writes a string. ECS writes task sizes as strings
/// ("256", "1 vCPU") while YAML authors often write bare numbers; both are accepted and the ECS spelling is kept.
/// </summary>
public sealed class IntOrStringTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out var l)
                ? l.ToString(CultureInfo.InvariantCulture)
                : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"expected a string or a number, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
