using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace EcsOnK8s.Runtime.Apply;

/// <summary>
/// Whether a live object still holds everything a desired object sets. The hash annotation only proves what was
/// last applied; a hand edit keeps the annotation and changes the spec, so a matching hash alone would leave the
/// edit in place. Fields the server adds (defaults, status) are ignored: the desired object must be covered by the
/// live one, not equal to it.
/// </summary>
public static class DriftDetector
{
    /// <summary>True when every non-empty field of <paramref name="desired"/> has the same value in <paramref name="live"/>.</summary>
    public static bool Covers(JsonNode? live, JsonNode? desired)
    {
        switch (desired)
        {
            case null:
                return true;
            case JsonObject desiredObject:
                if (live is not JsonObject liveObject)
                {
                    return IsEmpty(desiredObject);
                }

                foreach (var (name, value) in desiredObject)
                {
                    if (!IsEmpty(value) && !Covers(liveObject[name], value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray desiredArray:
                return live is JsonArray liveArray ? CoversArray(liveArray, desiredArray) : IsEmpty(desiredArray);
            default:
                return live is JsonValue liveValue && SameValue(liveValue, desired.AsValue());
        }
    }

    /// <summary>
    /// Lists of named items (containers, ports, env, volumes, owner references) match by name, so an item someone
    /// else added does not count as drift; other lists match by position.
    /// </summary>
    private static bool CoversArray(JsonArray live, JsonArray desired)
    {
        if (desired.All(item => item is JsonObject o && o["name"] is JsonValue))
        {
            foreach (var item in desired)
            {
                var name = item!["name"]!.ToJsonString();
                var match = live.FirstOrDefault(l => l is JsonObject o && o["name"]?.ToJsonString() == name);
                if (match is null || !Covers(match, item))
                {
                    return false;
                }
            }

            return true;
        }

        if (live.Count < desired.Count)
        {
            return false;
        }

        for (var i = 0; i < desired.Count; i++)
        {
            if (!Covers(live[i], desired[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameValue(JsonValue live, JsonValue desired)
    {
        if (JsonNode.DeepEquals(live, desired))
        {
            return true;
        }

        var liveKind = live.GetValueKind();
        var desiredKind = desired.GetValueKind();
        if (liveKind == JsonValueKind.Number && desiredKind == JsonValueKind.Number)
        {
            return live.GetValue<decimal>() == desired.GetValue<decimal>();
        }

        // The server writes quantities in canonical form ("1024Mi" comes back as "1Gi").
        return liveKind == JsonValueKind.String && desiredKind == JsonValueKind.String
            && TryQuantity(live.GetValue<string>(), out var a) && TryQuantity(desired.GetValue<string>(), out var b) && a == b;
    }

    private static bool TryQuantity(string text, out decimal value)
    {
        value = 0;
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '.' or '-' or '+'))
        {
            return false;
        }

        try
        {
            value = new ResourceQuantity(text).ToDecimal();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.All(p => IsEmpty(p.Value)),
        JsonArray a => a.Count == 0,
        _ => false,
    };
}
