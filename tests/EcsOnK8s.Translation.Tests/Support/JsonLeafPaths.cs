using System.Globalization;
using System.Text.Json.Nodes;
using EcsOnK8s.Translation.Report;
using k8s;

namespace EcsOnK8s.Translation.Tests.Support;

/// <summary>
/// An oracle for report coverage that shares nothing with the product's coverage walk: the input is serialized
/// as the API server would store it and its JSON is walked. The product files every leaf its own walker finds,
/// so checking coverage with that same walker could never fail; a field that walker skips or misnames shows up
/// here.
/// </summary>
internal static class JsonLeafPaths
{
    /// <summary>
    /// Every leaf of <paramref name="value"/>'s JSON: scalars and arrays of scalars by their own path, objects and
    /// arrays of objects walked. A map (JSON cannot tell it from an object) yields one path per key.
    /// </summary>
    public static IReadOnlyList<string> Of(object value, string prefix = "")
    {
        return Leaves(value, prefix).Select(leaf => leaf.Path).ToList();
    }

    /// <summary>
    /// The leaves of <paramref name="value"/> that <paramref name="report"/> does not name. A leaf is named by its
    /// own path, or (for the keys of a map the report files whole, such as <c>dockerLabels</c>) by the path of the
    /// JSON object of scalars holding it, which is a member and not an element of a list.
    /// </summary>
    public static IReadOnlyList<string> Unreported(object value, TranslationReport report, string prefix = "")
    {
        var named = report.Entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        return Leaves(value, prefix)
            .Where(leaf => !named.Contains(leaf.Path) && !(leaf.Map is { } map && named.Contains(map)))
            .Select(leaf => leaf.Path)
            .ToList();
    }

    private static List<Leaf> Leaves(object value, string prefix)
    {
        var leaves = new List<Leaf>();
        Walk(JsonNode.Parse(KubernetesJson.Serialize(value)), prefix, null, leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, string? map, List<Leaf> leaves)
    {
        switch (node)
        {
            case null:
                break;
            case JsonObject obj:
                // Only an object of scalars that is a member can be a map filed whole (labels, options, ...).
                var holder = obj.Count > 0 && !path.EndsWith(']') && obj.All(p => p.Value is JsonValue) ? path : null;
                foreach (var (name, child) in obj)
                {
                    Walk(child, path.Length == 0 ? name : path + "." + name, holder, leaves);
                }

                break;
            case JsonArray array when array.Count > 0 && array.All(e => e is null or JsonValue):
                leaves.Add(new Leaf(path, null));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", null, leaves);
                }

                break;
            default:
                leaves.Add(new Leaf(path, map));
                break;
        }
    }

    private sealed record Leaf(string Path, string? Map);
}
