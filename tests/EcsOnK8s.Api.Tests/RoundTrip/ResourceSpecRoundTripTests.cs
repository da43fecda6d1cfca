using System.Text.Json.Nodes;
using EcsOnK8s.Api.Tests.Support;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using Xunit;

namespace EcsOnK8s.Api.Tests.RoundTrip;

/// <summary>
/// CreateService, RunTask and EventBridge Scheduler inputs survive deserialization into the EcsService, EcsTask and
/// EcsScheduledTask specs and serialization back; so do EcsEventRule specs (PutRule and PutTargets in EventBridge's
/// names).
/// </summary>
public sealed class ResourceSpecRoundTripTests
{
    public static TheoryData<string, string> Documents
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var folder in new[] { Corpus.Services, Corpus.Tasks, Corpus.ScheduledTasks, Corpus.EventRules })
            {
                foreach (var name in Corpus.FileNames(folder))
                {
                    data.Add(folder, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void JsonRoundTrip_Spec_KeepsEveryField(string folder, string fileName)
    {
        var input = Corpus.Read(folder, fileName);

        var output = folder switch
        {
            Corpus.Services => ViaJson<EcsServiceSpec>(input),
            Corpus.Tasks => ViaJson<EcsTaskSpec>(input),
            Corpus.ScheduledTasks => ViaJson<EcsScheduledTaskSpec>(input),
            _ => ViaJson<EcsEventRuleSpec>(input),
        };

        var differences = JsonTree.Differences(input, output);
        Assert.True(differences.Count == 0, $"{folder}/{fileName}:\n" + string.Join("\n", differences));
        Assert.True(JsonNode.DeepEquals(input, output));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void YamlRoundTrip_Spec_KeepsEveryField(string folder, string fileName)
    {
        var input = Corpus.Read(folder, fileName);

        var output = folder switch
        {
            Corpus.Services => ViaYaml<EcsServiceSpec>(input),
            Corpus.Tasks => ViaYaml<EcsTaskSpec>(input),
            Corpus.ScheduledTasks => ViaYaml<EcsScheduledTaskSpec>(input),
            _ => ViaYaml<EcsEventRuleSpec>(input),
        };

        var differences = JsonTree.Differences(input, output);
        Assert.True(differences.Count == 0, $"{folder}/{fileName} through YAML:\n" + string.Join("\n", differences));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Deserialize_Spec_EveryPropertyIsKnown(string folder, string fileName)
    {
        var type = folder switch
        {
            Corpus.Services => typeof(EcsServiceSpec),
            Corpus.Tasks => typeof(EcsTaskSpec),
            Corpus.ScheduledTasks => typeof(EcsScheduledTaskSpec),
            _ => typeof(EcsEventRuleSpec),
        };

        var unknown = KnownProperties.UnknownPaths(Corpus.Read(folder, fileName), type);

        Assert.True(unknown.Count == 0, $"{folder}/{fileName}: properties with no C# counterpart: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Deserialize_LifecycleHookDetails_KeptAsAnyJson()
    {
        var spec = KubernetesJson.Deserialize<EcsServiceSpec>(Corpus.ReadText(Corpus.Services, "blue-green-lifecycle-hooks.json"));

        var details = spec.DeploymentConfiguration!.LifecycleHooks![0].HookDetails!.Value!;

        Assert.Equal(200, details["expectedStatus"]!.GetValue<int>());
        Assert.Equal("/cart", details["paths"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Deserialize_EventPattern_KeptAsAnyJson()
    {
        var spec = KubernetesJson.Deserialize<EcsEventRuleSpec>(Corpus.ReadText(Corpus.EventRules, "s3-object-created-task.json"));

        var pattern = spec.EventPattern!.Value!;

        Assert.Equal("incoming/", pattern["detail"]!["object"]!["key"]![0]!["prefix"]!.GetValue<string>());
        Assert.Equal(0, pattern["detail"]!["object"]!["size"]![0]!["numeric"]![1]!.GetValue<int>());
    }

    private static JsonNode? ViaJson<T>(JsonNode input) =>
        JsonNode.Parse(KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(input.ToJsonString())));

    private static JsonNode? ViaYaml<T>(JsonNode input)
    {
        var spec = KubernetesJson.Deserialize<T>(input.ToJsonString());
        var fromYaml = KubernetesYaml.Deserialize<T>(KubernetesYaml.Serialize(spec));
        return JsonNode.Parse(KubernetesJson.Serialize(fromYaml));
    }
}
