using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsOnK8s.Api.Serialization;

/// <summary>
/// Reads an ECS timestamp, which the ECS API emits as epoch seconds (a number, often fractional) and the AWS CLI
/// as an ISO 8601 string, into its text. Epoch numbers keep their exact digits so nothing is lost.
/// </summary>
public sealed class TimestampTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"expected a timestamp string or epoch seconds, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
