using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.Serialization;

namespace EcsOnK8s.Api.Tests.Support;

/// <summary>
/// Walks a JSON document beside the C# type it deserializes into and reports every JSON property the type has no
/// property for: those the serializer would drop without a word.
/// </summary>
internal static class KnownProperties
{
    public static IReadOnlyList<string> UnknownPaths(JsonNode? node, Type type)
    {
        List<string> unknown = [];
        Walk(node, type, "$", unknown);
        return unknown;
    }

    /// <summary>Every JSON path the type can hold ("[]" for list items, "{}" for map values), for coverage checks.</summary>
    public static IReadOnlyList<string> TypePaths(Type type)
    {
        List<string> paths = [];
        CollectTypePaths(type, "$", paths, 0);
        return paths;
    }

    /// <summary>Every JSON path present in a document, in the notation of <see cref="TypePaths"/>.</summary>
    public static ISet<string> DocumentPaths(JsonNode? node)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        CollectDocumentPaths(node, "$", paths);
        return paths;
    }

    public static IEnumerable<PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null);

    private static void Walk(JsonNode? node, Type type, string path, List<string> unknown)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null || type == typeof(JsonElement) || type == typeof(FreeFormJson) || IsScalar(type))
        {
            return;
        }

        if (MapValueType(type) is { } valueType)
        {
            if (node is JsonObject map)
            {
                foreach (var (key, value) in map)
                {
                    Walk(value, valueType, $"{path}.{key}", unknown);
                }
            }

            return;
        }

        if (ListItemType(type) is { } itemType)
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], itemType, $"{path}[{i}]", unknown);
                }
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            unknown.Add($"{path}: a {node.GetValueKind()} where {type.Name} expects an object");
            return;
        }

        var properties = JsonProperties(type).ToDictionary(CrdGenerator.JsonName, StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (properties.TryGetValue(key, out var property))
            {
                Walk(value, property.PropertyType, $"{path}.{key}", unknown);
            }
            else
            {
                unknown.Add($"{path}.{key}");
            }
        }
    }

    private static void CollectTypePaths(Type type, string path, List<string> paths, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 20 || type == typeof(JsonElement) || type == typeof(FreeFormJson) || IsScalar(type))
        {
            return;
        }

        if (MapValueType(type) is { } valueType)
        {
            CollectTypePaths(valueType, path + "{}", paths, depth + 1);
            return;
        }

        if (ListItemType(type) is { } itemType)
        {
            CollectTypePaths(itemType, path + "[]", paths, depth + 1);
            return;
        }

        foreach (var property in JsonProperties(type))
        {
            var child = $"{path}.{CrdGenerator.JsonName(property)}";
            paths.Add(child);
            CollectTypePaths(property.PropertyType, child, paths, depth + 1);
        }
    }

    private static void CollectDocumentPaths(JsonNode? node, string path, HashSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var child = $"{path}.{key}";
                    paths.Add(child);
                    CollectDocumentPaths(value, child, paths);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectDocumentPaths(item, path + "[]", paths);
                }

                break;
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset);

    private static Type? MapValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ListItemType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;
}
