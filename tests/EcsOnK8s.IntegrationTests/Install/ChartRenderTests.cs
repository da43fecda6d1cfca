using System.Text.Json.Nodes;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>
/// The chart as the real Helm (v4, hack/helm.sh) reads it, without a cluster: lint, templates with default and
/// other values, the values schema refusing mistakes, and the files generated from the chart kept current.
/// </summary>
public sealed class ChartRenderTests
{
    private const string Chart = "charts/ecsonk8s";
    private const string Namespace = "ecs-system";

    [Fact]
    public async Task HelmLint_Strict_Passes()
    {
        var lint = await Tool.HelmAsync(null, "lint", "--strict", Chart);

        Assert.True(lint.Succeeded, lint.Describe());
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", lint.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelmTemplate_DefaultValues_RendersTheOperatorWithCrdsRbacAndPdb()
    {
        var objects = await RenderAsync();

        Assert.Equal(
            ["ClusterRole", "ClusterRole", "ClusterRole", "ClusterRole", "ClusterRoleBinding", "ClusterRoleBinding", "CustomResourceDefinition",
             "CustomResourceDefinition", "CustomResourceDefinition", "CustomResourceDefinition", "CustomResourceDefinition", "CustomResourceDefinition",
             "CustomResourceDefinition", "Deployment",
             "PodDisruptionBudget", "Role", "Role", "RoleBinding", "RoleBinding", "Secret", "Service", "Service", "ServiceAccount"],
            objects.Select(o => (string)o["kind"]!).Order(StringComparer.Ordinal));
        var crds = objects.Where(o => (string?)o["kind"] == "CustomResourceDefinition").ToList();
        Assert.Equal(
            Directory.EnumerateFiles(RepositoryRoot.Combine("crds"), "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f).Split('_')).Select(p => $"{p[1]}.{p[0]}").Order(StringComparer.Ordinal),
            crds.Select(c => (string)c["metadata"]!["name"]!).Order(StringComparer.Ordinal));
        Assert.All(crds, c => Assert.Equal("keep", (string?)c["metadata"]!["annotations"]?["helm.sh/resource-policy"]));

        var deployment = Single(objects, "Deployment");
        Assert.Equal(Namespace, (string?)deployment["metadata"]!["namespace"]);
        Assert.Equal(2, (int)deployment["spec"]!["replicas"]!);
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal($"ghcr.io/ecsonk8s/ecsonk8s-operator:{ChartField("appVersion")}", (string?)container["image"]);
        var args = Strings(container["args"]);
        Assert.Contains("--leader-election=true", args);
        Assert.Contains($"--leader-election-namespace={Namespace}", args);
        Assert.DoesNotContain(args, a => a.StartsWith("--namespaces=", StringComparison.Ordinal));

        var pdb = Single(objects, "PodDisruptionBudget");
        Assert.Equal("policy/v1", (string?)pdb["apiVersion"]);
        Assert.Equal(1, (int)pdb["spec"]!["maxUnavailable"]!);
        Assert.True(JsonNode.DeepEquals(deployment["spec"]!["selector"]!["matchLabels"], pdb["spec"]!["selector"]!["matchLabels"]));
    }

    public static TheoryData<string, string[]> NonDefaultValues => new()
    {
        // case name, --set values (the assertions per case are below)
        { "digest", ["image.digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "image.tag=1.2.3"] },
        { "serviceMonitor", ["serviceMonitor.enabled=true", "serviceMonitor.interval=15s", "serviceMonitor.labels.release=prom"] },
        { "networkPolicy", ["networkPolicy.enabled=true", "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name=monitoring"] },
        { "watchNamespaces", ["watchNamespaces={team-a,team-b}"] },
        { "singleReplica", ["replicaCount=1", "leaderElection.enabled=false", "podDisruptionBudget.enabled=false"] },
        { "noCrds", ["crds.enabled=false"] },
        { "crdsNotKept", ["crds.keep=false"] },
    };

    [Theory]
    [MemberData(nameof(NonDefaultValues))]
    public async Task HelmTemplate_NonDefaultValues_RendersWhatTheyAskFor(string name, string[] values)
    {
        var objects = await RenderAsync([.. values.SelectMany(v => new[] { "--set", v })]);
        var kinds = objects.Select(o => (string)o["kind"]!).ToList();
        var container = Single(objects, "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var args = Strings(container["args"]);

        switch (name)
        {
            case "digest":
                Assert.Equal("ghcr.io/ecsonk8s/ecsonk8s-operator:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", (string?)container["image"]);
                break;
            case "serviceMonitor":
                var monitor = Single(objects, "ServiceMonitor");
                Assert.Equal("monitoring.coreos.com/v1", (string?)monitor["apiVersion"]);
                Assert.Equal("prom", (string?)monitor["metadata"]!["labels"]!["release"]);
                var endpoint = monitor["spec"]!["endpoints"]![0]!;
                Assert.Equal(("metrics", "/metrics", "15s"), ((string?)endpoint["port"], (string?)endpoint["path"], (string?)endpoint["interval"]));
                // The metrics Service, beside the ECS API's.
                Assert.Single(objects, o => (string?)o["kind"] == "Service" && (string?)o["spec"]!["ports"]![0]!["name"] == "metrics");
                break;
            case "networkPolicy":
                var ingress = Single(objects, "NetworkPolicy")["spec"]!["ingress"]![0]!;
                Assert.Equal("metrics", (string?)ingress["ports"]![0]!["port"]);
                Assert.Equal("monitoring", (string?)ingress["from"]![0]!["namespaceSelector"]!["matchLabels"]!["name"]);
                break;
            case "watchNamespaces":
                Assert.Contains("--namespaces=team-a,team-b", args);
                var bindings = objects.Where(o => (string?)o["kind"] == "RoleBinding" && ((string?)o["roleRef"]!["kind"]) == "ClusterRole").ToList();
                Assert.Equal(["team-a", "team-b"], bindings.Select(b => (string)b["metadata"]!["namespace"]!).Order(StringComparer.Ordinal));
                // Cluster-wide, only the PersistentVolume rights remain.
                Assert.Single(objects, o => (string?)o["kind"] == "ClusterRoleBinding");
                break;
            case "singleReplica":
                Assert.Contains("--leader-election=false", args);
                // No Lease Role; the one Role left is the ECS API's, to list its keys.
                Assert.Equal(["t-ecsonk8s-ecs-api-keys"], objects.Where(o => (string?)o["kind"] == "Role").Select(o => (string)o["metadata"]!["name"]!));
                Assert.DoesNotContain("PodDisruptionBudget", kinds);
                break;
            case "noCrds":
                Assert.DoesNotContain("CustomResourceDefinition", kinds);
                break;
            case "crdsNotKept":
                var crds = objects.Where(o => (string?)o["kind"] == "CustomResourceDefinition").ToList();
                Assert.Equal(InstallFixture.EcsCrdCount, crds.Count);
                Assert.All(crds, c => Assert.Null(c["metadata"]!["annotations"]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no assertions for this case");
        }
    }

    [Fact]
    public async Task HelmTemplate_Kubernetes120_PodDisruptionBudgetIsPolicyV1Beta1()
    {
        var objects = await RenderAsync("--kube-version", "1.20.2");

        Assert.Equal("policy/v1beta1", (string?)Single(objects, "PodDisruptionBudget")["apiVersion"]);
    }

    public static TheoryData<string, string[], string[]> BadValues => new()
    {
        // mistake, --set values, what the error must name
        { "wrong type", ["replicaCount=two"], ["/replicaCount", "want integer"] },
        { "wrong type in a nested value", ["crds.keep=yes"], ["/crds/keep", "want boolean"] },
        { "unknown top-level key", ["replicas=3"], ["additional properties 'replicas' not allowed"] },
        { "unknown nested key", ["leaderElection.leaseDurationSeconds=15"], ["/leaderElection", "'leaseDurationSeconds' not allowed"] },
        { "value outside an enum", ["image.pullPolicy=Sometimes"], ["/image/pullPolicy", "IfNotPresent"] },
        { "malformed duration", ["shutdownTimeout=20 s"], ["/shutdownTimeout"] },
        { "malformed digest", ["image.digest=latest"], ["/image/digest"] },
        { "out of range", ["workers=0"], ["/workers", "minimum"] },
        { "several replicas without leader election", ["replicaCount=3", "leaderElection.enabled=false"], ["/replicaCount", "maximum: got 3, want 1"] },
        { "a ServiceMonitor without the metrics Service", ["serviceMonitor.enabled=true", "metrics.service.enabled=false"], ["/metrics/service/enabled"] },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task HelmTemplate_BadValues_FailNamingTheValue(string mistake, string[] values, string[] expected)
    {
        var result = await Tool.HelmAsync(null, ["template", "t", Chart, "--namespace", Namespace, .. values.SelectMany(v => new[] { "--set", v })]);

        Assert.False(result.Succeeded, $"{mistake}: helm accepted {string.Join(' ', values)}");
        Assert.Contains("values don't meet the specifications of the schema", result.StandardError, StringComparison.Ordinal);
        Assert.All(expected, e => Assert.Contains(e, result.StandardError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TemplateGuard_SchemaSkipped_StillRefusesReplicasWithoutLeaderElection()
    {
        var result = await Tool.HelmAsync(null, "template", "t", Chart, "--skip-schema-validation", "--set", "replicaCount=2", "--set", "leaderElection.enabled=false");

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains("replicaCount=2 needs leaderElection.enabled=true", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartReadme_GeneratedFromValues_IsCurrent()
    {
        var check = await Tool.ScriptAsync("chart-readme.sh", "--check");

        Assert.True(check.Succeeded, check.Describe());
        var readme = await File.ReadAllTextAsync(RepositoryRoot.Combine(Chart, "README.md"));
        Assert.Contains("| `image.digest` |", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartReadme_EveryValueOfValuesYaml_HasARow()
    {
        var readme = await File.ReadAllTextAsync(RepositoryRoot.Combine(Chart, "README.md"));
        var values = YamlDocuments.Read(await File.ReadAllTextAsync(RepositoryRoot.Combine(Chart, "values.yaml"))).Single();

        // The oracle is the parsed values.yaml, not the generator's own reading of it: every key to the second level.
        var keys = values.SelectMany(top => top.Value is JsonObject nested && nested.Count > 0
            ? nested.Select(inner => $"{top.Key}.{inner.Key}")
            : [top.Key]);
        Assert.All(keys, key => Assert.Contains($"| `{key}` |", readme, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bundle_RenderedFromTheChart_IsCurrent()
    {
        var check = await Tool.ScriptAsync("bundle.sh", "--check");

        Assert.True(check.Succeeded, check.Describe());
    }

    [Fact]
    public async Task Bundle_HoldsNamespaceCrdsRbacAndDeployment()
    {
        var objects = YamlDocuments.Read(await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy", "install.yaml")));

        Assert.Equal("Namespace", (string?)objects[0]["kind"]);
        var ns = (string)objects[0]["metadata"]!["name"]!;
        Assert.Equal(InstallFixture.EcsCrdCount, objects.Count(o => (string?)o["kind"] == "CustomResourceDefinition"));
        Assert.Equal(
            ["ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Deployment", "Namespace", "Role", "RoleBinding", "Service", "ServiceAccount"],
            objects.Select(o => (string)o["kind"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(
            objects.Where(o => (string?)o["kind"] is "Deployment" or "ServiceAccount" or "Role" or "RoleBinding" or "Service"),
            o => Assert.Equal(ns, (string?)o["metadata"]!["namespace"]));
    }

    private static async Task<IReadOnlyList<JsonObject>> RenderAsync(params string[] arguments)
    {
        var result = await Tool.HelmAsync(null, ["template", "t", Chart, "--namespace", Namespace, .. arguments]);
        Assert.True(result.Succeeded, result.Describe());
        return YamlDocuments.Read(result.StandardOutput);
    }

    private static JsonObject Single(IEnumerable<JsonObject> objects, string kind) => Assert.Single(objects, o => (string?)o["kind"] == kind);

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToList();

    private static string ChartField(string field) =>
        File.ReadAllLines(RepositoryRoot.Combine(Chart, "Chart.yaml"))
            .Select(l => l.Split(':', 2))
            .Single(p => p[0] == field)[1].Trim().Trim('"');
}
