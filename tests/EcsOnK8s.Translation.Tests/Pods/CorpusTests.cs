using System.Runtime.CompilerServices;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Tests.Support;
using k8s;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

/// <summary>The API project's corpus of task definitions as AWS documents them, through the pod builder.</summary>
public class CorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory(), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Build_AwsExamples_EveryFieldRuledAndOutputValid(string file)
    {
        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(File.ReadAllText(Path.Combine(CorpusDirectory(), file)));
        var permissive = new EcsClusterSpec
        {
            Policy = new ClusterPolicy { AllowHostNetwork = true, AllowHostPath = true, AllowPrivileged = true, AllowedCapabilities = ["ALL"] },
        };
        foreach (var capabilities in new[] { ClusterCapabilities.Kubernetes120, ClusterCapabilities.Kubernetes130 })
        {
            var (result, report) = Build(spec, permissive, capabilities);
            Assert.Empty(JsonLeafPaths.Unreported(spec, report));
            Assert.DoesNotContain(report.Entries, e => e.Reason == PodTemplateBuilder.UnhandledReason);
            if (!report.HasRejections)
            {
                Assert.Empty(OutputValidator.Problems(result));
            }
        }
    }

    [Theory]
    [InlineData("fargate-web-server.json")]
    [InlineData("depends-on-chain.json")]
    [InlineData("secrets-manager-and-ssm.json")]
    [InlineData("efs-access-point.json")]
    [InlineData("firelens.json")]
    public void Build_PlainExamples_NotRejected(string file)
    {
        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(File.ReadAllText(Path.Combine(CorpusDirectory(), file)));
        var (_, report) = Build(spec);
        Assert.False(report.HasRejections, string.Join("; ", report.Rejections.Select(r => $"{r.Path}: {r.Reason}")));
    }

    [Fact]
    public void Build_HostNetworkingExample_RefusedByDefaultPolicy()
    {
        var spec = KubernetesJson.Deserialize<EcsTaskDefinitionSpec>(File.ReadAllText(Path.Combine(CorpusDirectory(), "host-networking.json")));
        var (_, report) = Build(spec);
        Assert.Equal(Disposition.Rejected, report.Entry("networkMode").Disposition);
    }

    private static string CorpusDirectory([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "EcsOnK8s.Api.Tests", "TaskDefinitions"));
}
