using System.Diagnostics;
using System.Text.Json;
using EcsOnK8s.Testing.Common;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace EcsOnK8s.Api.Tests.ArgoCd;

/// <summary>
/// The Argo CD health checks of deploy/argocd in a real Lua 5.1 interpreter, on objects the operator wrote
/// (Fixtures/, captured by the integration tests' ArgoCdHealthTests; the synthetic- ones are edited copies for
/// states the control plane cannot reach) against the statuses and messages of expected.tsv.
/// </summary>
public sealed class ArgoCdHealthCheckTests
{
    private static readonly string Folder = RepositoryRoot.Combine("tests", "EcsOnK8s.Api.Tests", "ArgoCd");

    public static TheoryData<string, string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var line in File.ReadAllLines(Path.Combine(Folder, "expected.tsv")).Where(l => !l.StartsWith('#') && l.Length > 0))
            {
                var fields = line.Split('\t');
                data.Add(fields[0], fields[1], fields[2]);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_Fixture_StatusAndMessageArgoCdShows(string fixture, string status, string message)
    {
        using var obj = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "Fixtures", fixture)));
        var kind = obj.RootElement.GetProperty("kind").GetString()!;

        var health = ArgoCdHealth.Evaluate(kind, obj.RootElement);

        Assert.Equal((status, message), health);
    }

    [Fact]
    public void Fixtures_EveryOneHasAnExpectationAndEveryKindIsCovered()
    {
        var fixtures = Directory.GetFiles(Path.Combine(Folder, "Fixtures"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Folder, "Fixtures"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var expected = Cases.Select(c => (string)c[0]).ToList();

        Assert.Equal(fixtures, expected.Order(StringComparer.Ordinal));
        Assert.All(ArgoCdHealth.Kinds, kind => Assert.Contains(expected, e => e.StartsWith(kind + "/", StringComparison.Ordinal)));

        // Each of Argo CD's four states is reached by some real (not synthetic) object.
        var real = Cases.Where(c => !((string)c[0]).Contains("/synthetic-", StringComparison.Ordinal)).Select(c => (string)c[1]).ToHashSet();
        Assert.Superset(new HashSet<string> { "Healthy", "Progressing", "Degraded", "Suspended" }, real);
    }

    [Fact]
    public void Evaluate_ObjectWithoutStatus_ProgressingForEveryKind()
    {
        foreach (var kind in ArgoCdHealth.Kinds)
        {
            using var obj = JsonDocument.Parse($$$"""{"apiVersion": "ecsonk8s.io/v1alpha1", "kind": "{{{kind}}}", "metadata": {"name": "x", "generation": 1}, "spec": {}}""");

            Assert.Equal(("Progressing", "Waiting for the operator to report a status"), ArgoCdHealth.Evaluate(kind, obj.RootElement));
        }
    }

    [Fact]
    public void Interpreter_IsLua51LikeArgoCds()
    {
        var start = new ProcessStartInfo(ArgoCdHealth.FindInterpreter(), "-v") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var version = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.StartsWith("Lua 5.1", version.Trim(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Snippets => new()
    {
        { "argocd-cm.yaml", "data" },
        { "argo-cd-values.yaml", "configs.cm" },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_CarriesEveryCheckVerbatim(string file, string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepositoryRoot.Combine("deploy", "argocd", file)))
        {
            yaml.Load(reader);
        }

        var node = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var key in path.Split('.'))
        {
            node = (YamlMappingNode)node.Children[new YamlScalarNode(key)];
        }

        var entries = node.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!);
        Assert.Equal(
            ArgoCdHealth.Kinds.Select(k => "resource.customizations.health.ecsonk8s.io_" + k).Order(StringComparer.Ordinal),
            entries.Keys.Order(StringComparer.Ordinal));
        foreach (var kind in ArgoCdHealth.Kinds)
        {
            Assert.True(
                ArgoCdHealth.Script(kind) == entries["resource.customizations.health.ecsonk8s.io_" + kind],
                $"{file} is stale for {kind}: run make argocd");
        }
    }
}
