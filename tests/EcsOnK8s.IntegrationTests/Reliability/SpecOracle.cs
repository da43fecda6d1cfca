using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Events;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Translation;
using EcsOnK8s.Translation.Model;
using k8s;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>
/// The fuzzer's independent judge of an accepted spec: the pure validators the controllers call (the task
/// definition's, the translation's <see cref="Renderer"/>, the event rule's compiler), run on the object
/// as the API server stored it, against the namespace the fuzzer set up (task definition <c>web</c>, cluster
/// <c>default</c>, Kubernetes 1.20). A spec the operator accepts must be one they accept.
/// </summary>
internal static class SpecOracle
{
    private static readonly EcsTaskDefinition TaskDefinition = KubernetesYaml.Deserialize<EcsTaskDefinition>(Host.MinimalService.TaskDefinition);
    private static readonly EcsCluster Cluster = KubernetesYaml.Deserialize<EcsCluster>(Host.MinimalService.Cluster);

    /// <summary>Null when the pure translation accepts <paramref name="stored"/>; else its first refusal, with the field.</summary>
    public static string? Refusal(SpecMutation mutation, JsonElement stored)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        var json = stored.GetRawText();
        try
        {
            return mutation.Kind switch
            {
                "EcsTaskDefinition" => TaskDefinitionRefusal(KubernetesJson.Deserialize<EcsTaskDefinition>(json)),
                "EcsEventRule" => RuleRefusal(KubernetesJson.Deserialize<EcsEventRule>(json)),
                _ => ReferenceRefusal(mutation, stored) ?? WorkloadRefusal(mutation.Kind, json),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return $"not decodable: {e.Message}";
        }
    }

    private static string? TaskDefinitionRefusal(EcsTaskDefinition td) =>
        TaskDefinitionValidator.Validate(td, EcsInformers.EffectiveFamily(td), ClusterCapabilities.Kubernetes120).Error;

    private static string? RuleRefusal(EcsEventRule rule) =>
        EventRuleCompiler.Compile(rule, new EventDeliveryOptions()).Errors is [var first, ..] ? first : null;

    /// <summary>The start of every refusal of <see cref="ReferenceRefusal"/>.</summary>
    public const string NamesNothing = "names nothing in the namespace";

    /// <summary>
    /// The references resolve only as the valid spec wrote them: the namespace has task definition <c>web</c> and
    /// cluster <c>default</c> and nothing else, so any other value names nothing. A cluster reference left out means
    /// the default cluster, as in ECS.
    /// </summary>
    private static string? ReferenceRefusal(SpecMutation mutation, JsonElement stored)
    {
        (string[] Path, bool Optional)[] references =
            [(["taskDefinition"], false), (["cluster"], true), (["target", "arn"], true), (["target", "ecsParameters", "taskDefinitionArn"], false)];
        var spec = JsonNode.Parse(stored.GetProperty("spec").GetRawText());
        foreach (var (path, optional) in references)
        {
            var valid = Find(mutation.ValidSpec, path);
            var actual = Find(spec, path);
            if (valid is not null && actual?.ToJsonString() != valid.ToJsonString() && !(optional && actual is null))
            {
                return $"spec.{string.Join('.', path)}: {NamesNothing} ({actual?.ToJsonString() ?? "absent"})";
            }
        }

        return null;
    }

    /// <summary>The mutated field's string value in <paramref name="stored"/>, or null when it is not a string.</summary>
    public static string? Value(SpecMutation mutation, JsonElement stored)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        var path = mutation.Path.Split('.').Skip(1).ToArray();
        return path.Any(p => p.Contains('[', StringComparison.Ordinal))
            ? null
            : Find(JsonNode.Parse(stored.GetProperty("spec").GetRawText()), path) is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
    }

    private static JsonNode? Find(JsonNode? node, string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node;
    }

    private static string? WorkloadRefusal(string kind, string json)
    {
        var request = new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition("web", 1, TaskDefinition.Spec),
            Cluster = Cluster,
            Capabilities = ClusterCapabilities.Kubernetes120,
            Now = DateTimeOffset.UtcNow,
        };
        request = kind switch
        {
            "EcsService" => request with { Service = KubernetesJson.Deserialize<EcsService>(json) },
            "EcsTask" => request with { Task = KubernetesJson.Deserialize<EcsTask>(json) },
            "EcsScheduledTask" => request with { ScheduledTask = KubernetesJson.Deserialize<EcsScheduledTask>(json), OperatorTimesSchedules = true },
            _ => throw new ArgumentException($"no oracle for {kind}", nameof(kind)),
        };
        var rendered = Renderer.Render(request);
        return rendered.Rejected ? RenderedChildren.Rejection(rendered).Message : null;
    }
}
