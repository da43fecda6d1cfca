using System.Text.Json.Nodes;
using k8s;

namespace EcsOnK8s.Controllers.Common;

/// <summary>Semantic equality of two statuses, so a converged pass writes nothing.</summary>
public static class StatusComparison
{
    public static bool Equal<T>(T? live, T desired) =>
        JsonNode.DeepEquals(
            live is null ? null : JsonNode.Parse(KubernetesJson.Serialize(live)),
            JsonNode.Parse(KubernetesJson.Serialize(desired)));
}
