using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using k8s;

namespace EcsOnK8s.Controllers.TaskDefinitions;

/// <summary>
/// Reduces a task definition spec to the content that makes a revision: read-only describe fields and EcsOnK8s
/// bookkeeping removed, ECS defaults filled, empty lists dropped, map keys sorted. Two specs that ECS would treat
/// as the same registration normalise to the same text and hash, so re-applying a YAML never makes a revision.
/// </summary>
public static class TaskDefinitionNormalizer
{
    private static readonly string[] ReadOnlyFields =
    [
        "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt",
        "registeredBy", "deregisteredAt", "inactiveRevisions",
    ];

    public static NormalizedTaskDefinition Normalize(EcsTaskDefinitionSpec spec, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var node = JsonNode.Parse(KubernetesJson.Serialize(spec))!.AsObject();
        foreach (var field in ReadOnlyFields)
        {
            node.Remove(field);
        }

        if (string.IsNullOrEmpty((string?)node["family"]))
        {
            node["family"] = resourceName;
        }

        if (node["containerDefinitions"] is JsonArray containers)
        {
            foreach (var container in containers.OfType<JsonObject>())
            {
                FillContainerDefaults(container);
            }
        }

        var canonical = Canonicalize(node)!;
        var json = canonical.ToJsonString();
        var normalized = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(json);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        return new NormalizedTaskDefinition(normalized.Family!, normalized, json, hash);
    }

    private static void FillContainerDefaults(JsonObject container)
    {
        container["essential"] ??= true;
        if (container["portMappings"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["protocol"] ??= "tcp";
            }
        }

        if (container["healthCheck"] is JsonObject health)
        {
            health["interval"] ??= 30;
            health["timeout"] ??= 5;
            health["retries"] ??= 3;
        }
    }

    /// <summary>Sorts object keys, keeps array order, drops empty arrays and objects (ECS treats them as absent).</summary>
    private static JsonNode? Canonicalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var child = Canonicalize(value);
                    if (child is not null)
                    {
                        sorted[key] = child;
                    }
                }

                return sorted.Count == 0 ? null : sorted;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Canonicalize(item) ?? new JsonObject());
                }

                return items.Count == 0 ? null : items;
            case null:
                return null;
            default:
                return node.DeepClone();
        }
    }
}
