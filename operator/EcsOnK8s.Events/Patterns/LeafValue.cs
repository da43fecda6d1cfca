using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace EcsOnK8s.Events.Patterns;

/// <summary>
/// One leaf of an event (string, number, true, false or null), read once and handed to every matcher of a field.
/// A string is its unescaped UTF-8 bytes: a view into the event's buffer unless the JSON text escapes something,
/// which is rare enough to pay for a copy.
/// </summary>
internal readonly ref struct LeafValue
{
    private LeafValue(JsonValueKind kind, ReadOnlySpan<byte> utf8, double number, bool isFinite)
    {
        Kind = kind;
        Utf8 = utf8;
        Number = number;
        IsFiniteNumber = isFinite;
    }

    public JsonValueKind Kind { get; }

    /// <summary>The string's UTF-8 bytes when <see cref="Kind"/> is String.</summary>
    public ReadOnlySpan<byte> Utf8 { get; }

    public double Number { get; }

    /// <summary>A JSON number that fits a double (1e400 does not and compares with nothing).</summary>
    public bool IsFiniteNumber { get; }

    public bool IsString => Kind == JsonValueKind.String;

    public static LeafValue From(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                var inner = raw[1..^1];
                return inner.IndexOf((byte)'\\') < 0
                    ? new LeafValue(JsonValueKind.String, inner, 0, false)
                    : new LeafValue(JsonValueKind.String, Encoding.UTF8.GetBytes(element.GetString()!), 0, false);
            case JsonValueKind.Number:
                var finite = element.TryGetDouble(out var number) && double.IsFinite(number);
                return new LeafValue(JsonValueKind.Number, default, finite ? number : 0, finite);
            default:
                return new LeafValue(element.ValueKind, default, 0, false);
        }
    }
}
