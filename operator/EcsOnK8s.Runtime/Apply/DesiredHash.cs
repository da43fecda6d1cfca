using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace EcsOnK8s.Runtime.Apply;

/// <summary>
/// A stable hash of an object: SHA-256 (hex, first 32 characters) of its canonical JSON (KubernetesJson, object
/// keys sorted, no whitespace). Property order and formatting do not change it; any value does.
/// </summary>
public static class DesiredHash
{
    /// <summary>Hash of an object as KubernetesJson serializes it.</summary>
    public static string Compute(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Compute(JsonNode.Parse(KubernetesJson.Serialize(value)));
    }

    /// <summary>Hash of a JSON tree.</summary>
    public static string Compute(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, node);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..32];
    }

    /// <summary>The canonical JSON text that is hashed.</summary>
    public static string Canonical(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, child);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var child in array)
                {
                    WriteCanonical(writer, child);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
