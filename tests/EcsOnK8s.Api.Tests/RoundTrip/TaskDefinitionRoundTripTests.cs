using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.Tests.Support;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using Xunit;

namespace EcsOnK8s.Api.Tests.RoundTrip;

/// <summary>
/// Task definitions as AWS writes them (register-task-definition input, describe-task-definition output) survive
/// deserialization into <see cref="EcsTaskDefinitionSpec"/> and serialization back, through JSON and through YAML.
/// </summary>
public sealed class TaskDefinitionRoundTripTests
{
    private static readonly string[] _readOnlyTimestamps = ["registeredAt", "deregisteredAt", "deleteRequestedAt"];

    /// <summary>Every task definition but the one whose epoch timestamps become strings by design (tested on its own).</summary>
    public static TheoryData<string> ExactFiles => Corpus.Theory(Corpus.TaskDefinitions, Corpus.EpochTimestampsFile);

    public static TheoryData<string> AllFiles => Corpus.Theory(Corpus.TaskDefinitions);

    [Fact]
    public void Corpus_TaskDefinitions_AtLeastFifteenDocuments()
    {
        Assert.True(Corpus.FileNames(Corpus.TaskDefinitions).Count >= 15, "the issue asks for at least 15 realistic task definitions");
        Assert.Contains(Corpus.EpochTimestampsFile, Corpus.FileNames(Corpus.TaskDefinitions));
    }

    [Theory]
    [MemberData(nameof(ExactFiles))]
    public void JsonRoundTrip_TaskDefinition_KeepsEveryField(string fileName)
    {
        var input = Corpus.Read(Corpus.TaskDefinitions, fileName);

        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(input.ToJsonString());
        var output = JsonNode.Parse(KubernetesJson.Serialize(spec));

        AssertSameTree(input, output);
    }

    [Theory]
    [MemberData(nameof(ExactFiles))]
    public void YamlRoundTrip_TaskDefinition_KeepsEveryField(string fileName)
    {
        var input = Corpus.Read(Corpus.TaskDefinitions, fileName);
        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(input.ToJsonString());

        var yaml = KubernetesYaml.Serialize(spec);
        var fromYaml = KubernetesYaml.Deserialize<EcsTaskDefinitionSpec>(yaml);
        var output = JsonNode.Parse(KubernetesJson.Serialize(fromYaml));

        AssertSameTree(input, output);
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Deserialize_TaskDefinition_EveryPropertyIsKnown(string fileName)
    {
        var input = Corpus.Read(Corpus.TaskDefinitions, fileName);

        var unknown = KnownProperties.UnknownPaths(input, typeof(EcsTaskDefinitionSpec));

        Assert.True(unknown.Count == 0, $"{fileName}: properties with no C# counterpart (would be dropped): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void JsonRoundTrip_EpochTimestamps_BecomeStringsWithTheSameDigits()
    {
        var input = Corpus.Read(Corpus.TaskDefinitions, Corpus.EpochTimestampsFile).AsObject();

        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(input.ToJsonString());
        var output = JsonNode.Parse(KubernetesJson.Serialize(spec))!.AsObject();

        foreach (var name in _readOnlyTimestamps)
        {
            Assert.Equal(JsonValueKind.Number, input[name]!.GetValueKind());
            Assert.Equal(JsonValueKind.String, output[name]!.GetValueKind());
            Assert.Equal(input[name]!.ToJsonString(), output[name]!.GetValue<string>());
            input.Remove(name);
            output.Remove(name);
        }

        AssertSameTree(input, output);
    }

    [Fact]
    public void Deserialize_IsoTimestamps_KeptAsWritten()
    {
        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(Corpus.ReadText(Corpus.TaskDefinitions, "describe-task-definition.json"));

        Assert.Equal("2024-01-11T10:21:43.567000-08:00", spec.RegisteredAt);
        Assert.Equal("2024-03-02T16:05:11.102000-08:00", spec.DeregisteredAt);
    }

    [Fact]
    public void Deserialize_NumericTaskCpuAndMemory_WrittenBackAsStrings()
    {
        const string json = """{"family":"numbers","cpu":256,"memory":512,"containerDefinitions":[{"name":"a","image":"busybox"}]}""";

        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(json);
        var output = JsonNode.Parse(KubernetesJson.Serialize(spec))!;

        Assert.Equal("256", output["cpu"]!.GetValue<string>());
        Assert.Equal("512", output["memory"]!.GetValue<string>());
    }

    [Fact]
    public void KitchenSink_EveryPropertyOfTheSpec_IsPresent()
    {
        var document = KnownProperties.DocumentPaths(Corpus.Read(Corpus.TaskDefinitions, "kitchen-sink.json"));

        var missing = KnownProperties.TypePaths(typeof(EcsTaskDefinitionSpec)).Where(p => !document.Contains(p)).ToList();

        Assert.True(missing.Count == 0, $"kitchen-sink.json lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void UnknownPaths_MisspelledField_IsReported()
    {
        var node = JsonNode.Parse("""{"family":"f","containerDefinitions":[{"name":"a","memoryReservaton":128,"linuxParameters":{"initProcesEnabled":true}}]}""");

        var unknown = KnownProperties.UnknownPaths(node, typeof(EcsTaskDefinitionSpec));

        Assert.Equal(["$.containerDefinitions[0].memoryReservaton", "$.containerDefinitions[0].linuxParameters.initProcesEnabled"], unknown);
    }

    private static void AssertSameTree(JsonNode? expected, JsonNode? actual)
    {
        var differences = JsonTree.Differences(expected, actual);
        Assert.True(differences.Count == 0, "round trip changed the document:\n" + string.Join("\n", differences));
        Assert.True(JsonNode.DeepEquals(expected, actual));
    }
}
