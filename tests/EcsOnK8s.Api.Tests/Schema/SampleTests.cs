using EcsOnK8s.Testing.Common;
using System.Text.Json.Nodes;
using EcsOnK8s.Api.Schema;
using EcsOnK8s.Api.Tests.Support;
using EcsOnK8s.Api.V1Alpha1;
using k8s;
using Xunit;

namespace EcsOnK8s.Api.Tests.Schema;

/// <summary>The samples/ manifests parse into the API types with nothing dropped (the API server test is in IntegrationTests/Api).</summary>
public sealed class SampleTests
{
    public static TheoryData<string> SampleFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "samples"), "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Deserialize_SampleDocuments_EveryPropertyKnownAndKept(string fileName)
    {
        var documents = YamlDocuments.Read(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", fileName)));
        Assert.NotEmpty(documents);

        foreach (var document in documents)
        {
            var kind = document["kind"]!.GetValue<string>();
            var type = CrdGenerator.ResourceTypes.SingleOrDefault(t => t.Name == kind);
            Assert.True(type is not null, $"{fileName}: {kind} is not an EcsOnK8s kind");

            var unknown = KnownProperties.UnknownPaths(document, type);
            var roundTrip = kind switch
            {
                nameof(EcsCluster) => ViaJson<EcsCluster>(document),
                nameof(EcsTaskDefinition) => ViaJson<EcsTaskDefinition>(document),
                nameof(EcsService) => ViaJson<EcsService>(document),
                nameof(EcsTask) => ViaJson<EcsTask>(document),
                nameof(EcsScheduledTask) => ViaJson<EcsScheduledTask>(document),
                _ => ViaJson<EcsEventRule>(document),
            };

            Assert.True(unknown.Count == 0, $"{fileName} {kind}: unknown properties {string.Join(", ", unknown)}");
            var differences = JsonTree.Differences(document, roundTrip);
            Assert.True(differences.Count == 0, $"{fileName} {kind}:\n" + string.Join("\n", differences));
        }
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_AutoScaledService_LeavesDesiredCountToTheHpa(string fileName)
    {
        var services = YamlDocuments.Read(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", fileName)))
            .Where(d => d["kind"]!.GetValue<string>() == nameof(EcsService) && d["spec"]?["autoScaling"] is not null);

        // docs/argocd.md: a desiredCount in Git would be reset by every sync after the HPA scaled.
        Assert.All(services, s => Assert.Null(s["spec"]!["desiredCount"]));
    }

    private static JsonNode? ViaJson<T>(JsonNode document) =>
        JsonNode.Parse(KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(document.ToJsonString())));
}
