using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace EcsOnK8s.Runtime.Apply;

/// <summary>
/// Whether a field manager still owns every field of an applied configuration, read from the live object's
/// <c>metadata.managedFields</c> (FieldsV1). Server-side apply moves a field to whoever changes its value and drops it
/// from everyone when it is removed, so a hand edit of a field the operator applied shows as a field of the applied
/// configuration that the operator's entry no longer lists; writes of other controllers to fields the operator does
/// not set (status, a ServiceAccount's token secrets, a bound claim's volume name, replicas set by an autoscaler)
/// leave it whole. Values are not compared, so a server's normalisation (quantities, defaults) never counts as a
/// change. Schema-free: list elements are matched by the keys FieldsV1 names (<c>k:</c>, <c>v:</c>, <c>i:</c>), and
/// a list, struct or map FieldsV1 holds as one field (atomic: a label selector, a command) is covered as a whole.
/// </summary>
internal static class FieldOwnership
{
    // Identity and type fields are in every object and in no FieldsV1.
    private static readonly HashSet<string> IdentityFields = new(StringComparer.Ordinal) { "apiVersion", "kind" };
    private static readonly HashSet<string> IdentityMetadata = new(StringComparer.Ordinal) { "name", "namespace", "generateName" };

    /// <summary>
    /// True when the Apply entry of <paramref name="manager"/> covers every non-null field of <paramref name="applied"/>;
    /// false when a field is missing from it or the manager has no Apply entry; null when <paramref name="managedFields"/>
    /// is absent (a cache that keeps none), so the caller cannot tell.
    /// </summary>
    public static bool? Covers(IList<V1ManagedFieldsEntry>? managedFields, string manager, JsonObject applied)
    {
        if (managedFields is null || managedFields.Count == 0)
        {
            return null;
        }

        foreach (var entry in managedFields)
        {
            if (entry.Manager == manager && entry.Operation == "Apply" && string.IsNullOrEmpty(entry.Subresource))
            {
                return AsElement(entry.FieldsV1) is { ValueKind: JsonValueKind.Object } fields && CoversRoot(fields, applied);
            }
        }

        return false;
    }

    private static bool CoversRoot(JsonElement fields, JsonObject applied)
    {
        foreach (var (name, value) in applied)
        {
            if (value is null || IdentityFields.Contains(name))
            {
                continue;
            }

            if (name == "metadata" && value is JsonObject metadata)
            {
                TryField(fields, name, out var metadataFields);
                foreach (var (field, child) in metadata)
                {
                    if (child is not null && !IdentityMetadata.Contains(field) && !CoversField(metadataFields, field, child))
                    {
                        return false;
                    }
                }
            }
            else if (!CoversField(fields, name, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CoversField(JsonElement fields, string name, JsonNode value) =>
        TryField(fields, name, out var child) && CoversValue(child, value);

    private static bool CoversValue(JsonElement fields, JsonNode value)
    {
        switch (value)
        {
            case JsonObject when IsLeaf(fields):
                // An atomic struct or map (a label selector): one field, owned as a whole.
                return true;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is not null && !CoversField(fields, name, child))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray array:
                return CoversList(fields, array);
            default:
                return true;
        }
    }

    private static bool IsLeaf(JsonElement fields)
    {
        if (fields.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        using var properties = fields.EnumerateObject();
        return !properties.MoveNext();
    }

    private static bool CoversList(JsonElement fields, JsonArray array)
    {
        if (!HasElementEntries(fields))
        {
            // Atomic: the list is one field, owned as a whole.
            return true;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var element = array[i];
            if (element is null)
            {
                continue;
            }

            if (!TryElement(fields, element, i, out var elementFields) || !CoversValue(elementFields, element))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasElementEntries(JsonElement fields)
    {
        foreach (var property in fields.EnumerateObject())
        {
            if (property.Name.Length > 2 && property.Name[1] == ':' && property.Name[0] is 'k' or 'v' or 'i')
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryField(JsonElement fields, string name, out JsonElement child)
    {
        child = default;
        return fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty("f:" + name, out child);
    }

    /// <summary>The FieldsV1 entry of one list element: by its keys, its value (a set) or its index.</summary>
    private static bool TryElement(JsonElement fields, JsonNode element, int index, out JsonElement elementFields)
    {
        foreach (var property in fields.EnumerateObject())
        {
            var name = property.Name;
            if (name.StartsWith("k:", StringComparison.Ordinal) && element is JsonObject obj && KeysMatch(name.AsSpan(2), obj))
            {
                elementFields = property.Value;
                return true;
            }

            if (name.StartsWith("v:", StringComparison.Ordinal) && element is not JsonObject && ValueMatches(name.AsSpan(2), element))
            {
                elementFields = property.Value;
                return true;
            }

            if (name.StartsWith("i:", StringComparison.Ordinal) && int.TryParse(name.AsSpan(2), out var i) && i == index)
            {
                elementFields = property.Value;
                return true;
            }
        }

        elementFields = default;
        return false;
    }

    // A key field the element leaves out was defaulted by the server (a port's protocol): it does not tell elements
    // of the applied configuration apart, so only the key fields the element sets must match.
    private static bool KeysMatch(ReadOnlySpan<char> keyJson, JsonObject element)
    {
        JsonObject? keys;
        try
        {
            keys = JsonNode.Parse(keyJson.ToString()) as JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }

        if (keys is null || keys.Count == 0)
        {
            return false;
        }

        var matched = 0;
        foreach (var (name, value) in keys)
        {
            if (element[name] is { } mine)
            {
                if (!JsonNode.DeepEquals(mine, value))
                {
                    return false;
                }

                matched++;
            }
        }

        return matched > 0;
    }

    private static bool ValueMatches(ReadOnlySpan<char> valueJson, JsonNode element)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(valueJson.ToString()), element);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement? AsElement(object? fieldsV1) => fieldsV1 switch
    {
        JsonElement element => element,
        JsonNode node => JsonSerializer.SerializeToElement(node),
        string text => TryParse(text),
        null => null,
        _ => null,
    };

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
