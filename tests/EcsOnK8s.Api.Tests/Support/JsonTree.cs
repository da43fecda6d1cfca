using System.Text.Json.Nodes;

namespace EcsOnK8s.Api.Tests.Support;

/// <summary>Explains how two JSON trees differ, so a failed round trip names the field.</summary>
internal static class JsonTree
{
    /// <summary>The paths where <paramref name="expected"/> and <paramref name="actual"/> differ (empty when equal).</summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual)
    {
        List<string> differences = [];
        Compare(expected, actual, "$", differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: lost");
                        continue;
                    }

                    Compare(value, a[key], $"{path}.{key}", differences);
                }

                foreach (var (key, _) in a)
                {
                    if (!e.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: added");
                    }
                }

                break;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: {e.Count} items became {a.Count}");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: {expected?.ToJsonString() ?? "null"} became {actual?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }
}
