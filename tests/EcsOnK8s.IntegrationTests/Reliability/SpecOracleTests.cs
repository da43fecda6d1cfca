using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Reliability;

/// <summary>The fuzzer's judge must be able to say no: each valid spec passes it, a known-bad one of each kind does not.</summary>
public sealed class SpecOracleTests
{
    public static TheoryData<string, string, string> BadSpecs => new()
    {
        { "EcsTaskDefinition", "spec.containerDefinitions[0].name", """{"containerDefinitions": [{"name": "app", "image": "nginx"}, {"name": "app", "image": "nginx"}]}""" },
        { "EcsService", "spec.taskDefinition", """{"taskDefinition": "missing"}""" },
        { "EcsTask", "spec.overrides.containerOverrides[0].name", """{"overrides": {"containerOverrides": [{"name": "nope"}]}}""" },
        { "EcsScheduledTask", "spec.scheduleExpression", """{"scheduleExpression": "every day"}""" },
        { "EcsEventRule", "spec.eventPattern", """{"eventPattern": {"source": "not-a-list"}}""" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Refusal_ValidSpecAccepted_OneBadFieldRefused(string kind, string field, string change)
    {
        var (_, plural, text) = SpecMutation.ValidSpecs.Single(v => v.Kind == kind);
        var valid = JsonNode.Parse(text)!.AsObject();
        var bad = valid.DeepClone().AsObject();
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject())
        {
            bad[name] = value?.DeepClone();
        }

        var mutation = new SpecMutation(0, kind, plural, field, "test", bad, valid);
        Assert.Null(SpecOracle.Refusal(mutation, Stored(kind, valid)));
        var refusal = SpecOracle.Refusal(mutation, Stored(kind, bad));
        Assert.NotNull(refusal);
        Assert.True(SpecFuzzTests.NamesField(refusal, mutation), refusal);
    }

    private static JsonElement Stored(string kind, JsonObject spec) => JsonDocument.Parse(new JsonObject
    {
        ["apiVersion"] = "ecsonk8s.io/v1alpha1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = "oracle", ["namespace"] = "fuzz" },
        ["spec"] = spec.DeepClone(),
    }.ToJsonString()).RootElement.Clone();
}
