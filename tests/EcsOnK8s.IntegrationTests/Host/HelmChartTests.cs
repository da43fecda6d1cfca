using EcsOnK8s.Testing.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using EcsOnK8s.Operator.Options;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>The Helm chart, checked without Helm: YAML that parses, documented values, RBAC, CRDs in sync.</summary>
public sealed partial class HelmChartTests
{
    private static readonly string[] RenderedKinds =
    [
        "deployments", "daemonsets", "controllerrevisions", "services", "serviceaccounts", "persistentvolumeclaims",
        "persistentvolumes", "horizontalpodautoscalers", "jobs", "cronjobs", "externalsecrets", "events", "configmaps",
        "poddisruptionbudgets", "targetgroupbindings", "httproutes", "ingresses",
        "scaledobjects", "triggerauthentications",
    ];

    /// <summary>The kinds whose objects own children (the children's controller owner references name them).</summary>
    private static readonly string[] OwnerKinds = ["ecsclusters", "ecstaskdefinitions", "ecsservices", "ecstasks", "ecsscheduledtasks"];

    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection", "*"];

    [Fact]
    public void ChartYaml_Parses_NamesTheChart()
    {
        var chart = ChartYaml.LoadFile(Path.Combine(ChartYaml.ChartDirectory, "Chart.yaml"));

        Assert.Equal("v2", ChartYaml.At(chart, "apiVersion"));
        Assert.Equal("ecsonk8s", ChartYaml.At(chart, "name"));
        Assert.Matches(@"^\d+\.\d+\.\d+", (string?)ChartYaml.At(chart, "version"));
    }

    [Fact]
    public void ValuesYaml_EveryOptionToSecondLevel_HasACommentAbove()
    {
        var lines = File.ReadAllLines(Path.Combine(ChartYaml.ChartDirectory, "values.yaml"));
        Assert.NotNull(ChartYaml.LoadFile(Path.Combine(ChartYaml.ChartDirectory, "values.yaml")));
        var undocumented = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = KeyLine().Match(lines[i]);
            if (!match.Success || match.Groups["indent"].Length > 2)
            {
                continue;
            }

            var previous = lines[..i].LastOrDefault(l => l.Trim().Length > 0)?.Trim();
            if (previous is null || !previous.StartsWith('#'))
            {
                undocumented.Add(lines[i].Trim());
            }
        }

        Assert.Empty(undocumented);
    }

    [Fact]
    public void ValuesYaml_MissionOptions_Present()
    {
        var values = ChartYaml.LoadFile(Path.Combine(ChartYaml.ChartDirectory, "values.yaml"));

        Assert.Equal("2", ChartYaml.At(values, "replicaCount"));
        Assert.Equal("true", ChartYaml.At(values, "leaderElection.enabled"));
        Assert.Equal("15s", ChartYaml.At(values, "leaderElection.leaseDuration"));
        Assert.Equal("10s", ChartYaml.At(values, "leaderElection.renewDeadline"));
        Assert.Equal("2s", ChartYaml.At(values, "leaderElection.retryPeriod"));
        Assert.Equal("true", ChartYaml.At(values, "crds.enabled"));
        Assert.Equal("true", ChartYaml.At(values, "crds.keep"));
        foreach (var path in new[] { "image.repository", "resources.requests", "watchNamespaces", "workers", "metrics.port", "logFormat" })
        {
            ChartYaml.At(values, path);
        }
    }

    [Fact]
    public void Templates_EveryValuesReference_ExistsInValuesYaml()
    {
        var values = ChartYaml.LoadFile(Path.Combine(ChartYaml.ChartDirectory, "values.yaml"));
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ChartYaml.ChartDirectory, "templates"), "*", SearchOption.AllDirectories))
        {
            foreach (Match match in ValuesReference().Matches(File.ReadAllText(file)))
            {
                try
                {
                    ChartYaml.At(values, match.Groups["path"].Value);
                }
                catch (KeyNotFoundException)
                {
                    missing.Add($"{Path.GetFileName(file)}: .Values.{match.Groups["path"].Value}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Deployment_PassesEveryOperatorFlag()
    {
        var deployment = File.ReadAllText(Path.Combine(ChartYaml.ChartDirectory, "templates", "deployment.yaml"));

        // --kubeconfig is for running outside a cluster; in a pod the service account is used.
        foreach (var option in OperatorOptionDefinitions.All.Where(o => o != OperatorOptionDefinitions.Kubeconfig))
        {
            Assert.Contains($"- --{option.Flag}=", deployment, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deployment_SecurePodDefaults()
    {
        var values = ChartYaml.LoadFile(Path.Combine(ChartYaml.ChartDirectory, "values.yaml"));
        var deployment = ChartYaml.LoadDocuments(ChartYaml.StripTemplate(
            File.ReadAllText(Path.Combine(ChartYaml.ChartDirectory, "templates", "deployment.yaml")))).Single();

        Assert.Equal("true", ChartYaml.At(values, "podSecurityContext.runAsNonRoot"));
        Assert.Equal("RuntimeDefault", ChartYaml.At(values, "podSecurityContext.seccompProfile.type"));
        Assert.Equal("false", ChartYaml.At(values, "securityContext.allowPrivilegeEscalation"));
        Assert.Equal("true", ChartYaml.At(values, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal(["ALL"], (List<object?>)ChartYaml.At(values, "securityContext.capabilities.drop")!);
        Assert.Equal("true", ChartYaml.At(deployment, "spec.template.spec.automountServiceAccountToken"));
        var container = (Dictionary<string, object?>)((List<object?>)ChartYaml.At(deployment, "spec.template.spec.containers")!).Single()!;
        Assert.Equal("/healthz", ChartYaml.At(container, "livenessProbe.httpGet.path"));
        Assert.Equal("/readyz", ChartYaml.At(container, "readinessProbe.httpGet.path"));
    }

    [Fact]
    public void OperatorClusterRoles_LeastPrivilege()
    {
        var roles = ChartYaml.LoadDocuments(ChartYaml.StripTemplate(
            File.ReadAllText(Path.Combine(ChartYaml.ChartDirectory, "templates", "clusterrole.yaml"))));
        var rules = roles.SelectMany(r => (List<object?>)ChartYaml.At(r, "rules")!).Cast<Dictionary<string, object?>>().ToList();
        var grants = rules.SelectMany(rule => Strings(rule["resources"]).SelectMany(resource =>
            Strings(rule["verbs"]).Select(verb => (Group: Strings(rule["apiGroups"]), Resource: resource, Verb: verb)))).ToList();

        // A schedule deletes itself after its last run (actionAfterCompletion DELETE), an event rule's ecsTask target
        // creates EcsTasks and an auto scaled service gets its missing desiredCount seeded; no other ECS resource is written. The events endpoint (when enabled) reviews tokens.
        Dictionary<string, string> ecsWrites = new() { ["ecsscheduledtasks"] = "delete", ["ecstasks"] = "create", ["ecsservices"] = "patch" };
        string[] reviews = ["tokenreviews", "subjectaccessreviews"];
        Assert.DoesNotContain(grants, g => g.Resource is "*" || g.Verb == "*" || g.Group.Contains("*"));

        // Secrets are only read, one by name, for an http target's signing key (events.signingSecrets).
        Assert.Equal(["get"], grants.Where(g => g.Resource == "secrets").Select(g => g.Verb));
        Assert.Equal(
            RenderedKinds.Order(),
            grants.Where(g => WriteVerbs.Contains(g.Verb) && g.Resource != "pods" && !ecsWrites.ContainsKey(g.Resource) && !reviews.Contains(g.Resource)
                    && !g.Resource.EndsWith("/status", StringComparison.Ordinal) && !g.Resource.EndsWith("/finalizers", StringComparison.Ordinal))
                .Select(g => g.Resource).Distinct().Order());
        Assert.Equal(["delete", "get", "list", "watch"], grants.Where(g => g.Resource == "pods").Select(g => g.Verb).Order());
        Assert.All(reviews, r => Assert.Equal(["create"], grants.Where(g => g.Resource == r).Select(g => g.Verb)));

        // blockOwnerDeletion on a child needs update on its owner's finalizers (OwnerReferencesPermissionEnforcement).
        Assert.Equal(OwnerKinds.Select(k => k + "/finalizers").Order(), grants.Where(g => g.Resource.EndsWith("/finalizers", StringComparison.Ordinal)).Select(g => g.Resource).Order());
        Assert.All(grants.Where(g => g.Resource.EndsWith("/finalizers", StringComparison.Ordinal)), g => Assert.Equal("update", g.Verb));

        // Every kind in crds/ can be read and have its status written, and nothing more (but the writes above).
        foreach (var crd in Directory.EnumerateFiles(RepositoryRoot.Combine("crds"), "*.yaml"))
        {
            var plural = (string)ChartYaml.At(ChartYaml.LoadFile(crd), "spec.names.plural")!;
            string[] verbs = ecsWrites.TryGetValue(plural, out var write) ? ["get", "list", "watch", write] : ["get", "list", "watch"];
            Assert.Equal(verbs.Order(), grants.Where(g => g.Resource == plural).Select(g => g.Verb).Order());
            Assert.Equal(["get", "patch", "update"], grants.Where(g => g.Resource == plural + "/status").Select(g => g.Verb).Order());
        }
    }

    [Fact]
    public void LeaderElectionRole_OnlyItsLeaseInTheReleaseNamespace()
    {
        var documents = ChartYaml.LoadDocuments(ChartYaml.StripTemplate(
            File.ReadAllText(Path.Combine(ChartYaml.ChartDirectory, "templates", "leader-election-rbac.yaml"))));
        var role = documents.Single(d => (string?)ChartYaml.At(d, "kind") == "Role");
        var rules = ((List<object?>)ChartYaml.At(role, "rules")!).Cast<Dictionary<string, object?>>().ToList();

        Assert.All(rules, r => Assert.Equal(["leases"], Strings(r["resources"])));
        Assert.All(rules, r => Assert.Equal(["coordination.k8s.io"], Strings(r["apiGroups"])));
        var named = Assert.Single(rules, r => r.ContainsKey("resourceNames"));
        Assert.Equal(["get", "update"], Strings(named["verbs"]).Order());
        Assert.Equal(["create"], Strings(Assert.Single(rules, r => !r.ContainsKey("resourceNames"))["verbs"]));
        Assert.Equal(ChartYaml.Placeholder, ChartYaml.At(role, "metadata.namespace"));
    }

    [Fact]
    public void CrdTemplates_SameObjectsAsCrdsDirectory()
    {
        var crdDirectory = RepositoryRoot.Combine("crds");
        var templateDirectory = Path.Combine(ChartYaml.ChartDirectory, "templates", "crds");
        var sources = Directory.EnumerateFiles(crdDirectory, "*.yaml").Select(Path.GetFileName).Order().ToList();

        Assert.NotEmpty(sources);
        Assert.Equal(sources, Directory.EnumerateFiles(templateDirectory, "*.yaml").Select(Path.GetFileName).Order());
        foreach (var name in sources)
        {
            var template = File.ReadAllText(Path.Combine(templateDirectory, name!));
            Assert.StartsWith("{{- if .Values.crds.enabled }}\n", template, StringComparison.Ordinal);
            Assert.Contains("  {{- if .Values.crds.keep }}\n  annotations:\n    helm.sh/resource-policy: keep\n  {{- end }}\n", template, StringComparison.Ordinal);

            var rendered = (Dictionary<string, object?>)ChartYaml.LoadDocuments(ChartYaml.StripTemplate(template)).Single()!;
            var metadata = (Dictionary<string, object?>)rendered["metadata"]!;
            var annotations = (Dictionary<string, object?>)metadata["annotations"]!;
            Assert.Equal("keep", annotations["helm.sh/resource-policy"]);
            metadata.Remove("annotations");
            Assert.True(ChartYaml.DeepEquals(ChartYaml.LoadFile(Path.Combine(crdDirectory, name!)), rendered), $"{name} differs from crds/{name}; run hack/sync-chart-crds.sh");
        }
    }

    [Fact]
    public async Task SyncScript_Check_ChartUpToDate()
    {
        var startInfo = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        startInfo.ArgumentList.Add(RepositoryRoot.Combine("hack", "sync-chart-crds.sh"));
        startInfo.ArgumentList.Add("--check");
        using var process = Process.Start(startInfo)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await stderr);
    }

    private static List<string> Strings(object? list) => ((List<object?>)list!).Select(o => o ?? string.Empty).Cast<string>().ToList();

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z][A-Za-z0-9]*):")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"\$?\.Values\.(?<path>[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();
}
