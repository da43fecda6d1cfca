using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Golden;

/// <summary>
/// Golden cases that need an integration installed (Golden/with-capabilities/&lt;case&gt;): the inputs are read as
/// <c>ecsonk8s convert</c> reads them, the <c>capabilities</c> file (names as the CLI's --capabilities flag takes
/// them) sets what the cluster serves, and the manifests and report are compared with <c>expected-{version}.yaml</c>
/// and <c>report-{version}.txt</c>. <c>ECSONK8S_UPDATE_GOLDEN=1</c> rewrites them (review the diff).
/// </summary>
public class CapabilityGoldenTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("ECSONK8S_UPDATE_GOLDEN") == "1";

    private static string Root => Path.Combine(RepositoryPaths.GoldenCases, "with-capabilities");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            foreach (var version in GoldenCase.Versions)
            {
                data.Add(Path.GetFileName(folder), version);
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_CoversEachIntegration()
    {
        var named = Directory.GetDirectories(Root).SelectMany(d => File.ReadAllText(Path.Combine(d, "capabilities")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["aws-load-balancer-controller", "gateway-api", "external-secrets"], StringComparer.Ordinal), named);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_CaseWithIntegrations_MatchesExpectedFiles(string name, string version)
    {
        var c = new GoldenCase(name, Path.Combine(Root, name));
        var (options, error) = ConvertCommand.Parse(c.Arguments(version));
        Assert.True(options is not null, error);
        var input = new TranslationReport();
        var (request, _) = ConvertCommand.ReadInputs(options, TextReader.Null, input);
        request = request with { Capabilities = With(request.Capabilities, File.ReadAllText(c.In("capabilities"))) };

        var result = Renderer.Render(request);

        Assert.False(result.Rejected, string.Join("\n", result.Report.Rejections.Select(r => $"{r.Path}: {r.Reason}")));
        var manifests = ConvertCommand.Yaml(result.Objects);
        var report = string.Join('\n', result.Report.Entries.Select(e => $"{e.Path}\t{e.Disposition}\t{e.Reason}")) + "\n";
        var expectedManifests = c.OfVersion("expected", "yaml", version);
        var expectedReport = c.OfVersion("report", "txt", version);
        if (Update)
        {
            File.WriteAllText(expectedManifests, manifests);
            File.WriteAllText(expectedReport, report);
        }

        Assert.Equal(File.ReadAllText(expectedManifests), manifests);
        Assert.Equal(File.ReadAllText(expectedReport), report);
    }

    /// <summary>The capabilities the CLI's --capabilities names stand for, in the versions docs/translation.md lists.</summary>
    private static ClusterCapabilities With(ClusterCapabilities capabilities, string names)
    {
        foreach (var name in names.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            capabilities = name switch
            {
                "aws-load-balancer-controller" => capabilities with { TargetGroupBindingApiVersion = "elbv2.k8s.aws/v1beta1" },
                "gateway-api" => capabilities with { HttpRouteApiVersion = "gateway.networking.k8s.io/v1" },
                "external-secrets" => capabilities with { ExternalSecretApiVersion = "external-secrets.io/v1" },
                _ => throw new ArgumentException($"unknown capability '{name}'", nameof(names)),
            };
        }

        return capabilities;
    }
}
