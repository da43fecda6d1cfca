using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Tests.Golden;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Security;

/// <summary>
/// The golden corpus rendered under an EcsCluster with spec.podSecurity restricted: every pod template that is
/// rendered meets restricted (the independent oracle <see cref="PodSecurityRestricted"/>), and every case that cannot
/// is refused with a condition naming the field and the level, never changed silently.
/// </summary>
public class PodSecurityRestrictedTests
{
    /// <summary>The golden cases that cannot meet restricted, and the field each is refused on.</summary>
    private static readonly Dictionary<string, string> RefusedCases = new(StringComparer.Ordinal)
    {
        ["daemon-host-network"] = "taskDefinition.networkMode",
        ["describe-task-definition-output"] = "taskDefinition.containerDefinitions[0].portMappings[0].hostPort",
        ["linux-parameters-tmpfs-shm"] = "taskDefinition.containerDefinitions[0].linuxParameters.capabilities.add",
        ["ulimits-sysctls"] = "taskDefinition.containerDefinitions[0].systemControls[0].namespace",
        ["with-capabilities"] = "taskDefinition.containerDefinitions[0].linuxParameters.capabilities.add",
        ["wordpress-mysql-docker-volume"] = "taskDefinition.containerDefinitions[0].portMappings[0].hostPort",
    };

    public static TheoryData<string> Cases => new(GoldenCase.All().Where(c => !c.ExpectRejected).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenCase_UnderRestricted_MeetsItOrIsRefusedNamingTheField(string name)
    {
        var result = Renderer.Render(Restricted(GoldenCase.All().Single(c => c.Name == name)));

        if (RefusedCases.TryGetValue(name, out var field))
        {
            Assert.True(result.Rejected, $"{name} rendered under restricted");
            var refusal = result.Report.Rejections.FirstOrDefault(r => r.Path == field);
            Assert.True(refusal is not null, $"{name}: refused on {string.Join(", ", result.Report.Rejections.Select(r => r.Path))}, not {field}");
            Assert.Contains("restricted", refusal.Reason, StringComparison.Ordinal);
            return;
        }

        Assert.False(result.Rejected, string.Join("; ", result.Report.Rejections.Select(r => $"{r.Path}: {r.Reason}")));
        var templates = Templates(result).ToList();
        Assert.NotEmpty(templates);
        var violations = templates.SelectMany(t => PodSecurityRestricted.Violations(t.Template).Select(v => $"{t.Workload}: {v}")).ToList();
        Assert.Empty(violations);
        var filled = result.Report.Entries.Single(e => e.Path == "podSecurity");
        Assert.Contains("Pod Security restricted (EcsCluster", filled.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_UnderRestricted_MostCasesRender()
    {
        var rendered = GoldenCase.All().Where(c => !c.ExpectRejected).Count(c => !Renderer.Render(Restricted(c)).Rejected);

        Assert.True(rendered >= 35, $"{rendered} golden cases render under restricted");
    }

    [Fact]
    public void GoldenCase_UnderBaseline_HasNoRestrictedEntry()
    {
        var request = Request(GoldenCase.All().Single(c => c.Name == "fargate-httpd-webserver"));

        var result = Renderer.Render(request);

        Assert.DoesNotContain(result.Report.Entries, e => e.Path == "podSecurity");
        Assert.NotEmpty(Templates(result).SelectMany(t => PodSecurityRestricted.Violations(t.Template)));
    }

    [Theory]
    [InlineData("0", "taskDefinition.containerDefinitions[0].user")]
    [InlineData("root:1000", "taskDefinition.containerDefinitions[0].user")]
    [InlineData("0:0", "taskDefinition.containerDefinitions[0].user")]
    public void Render_RootUserUnderRestricted_RefusedNamingTheField(string user, string field)
    {
        var result = Renderer.Render(WithContainer(new ContainerDefinition { Name = "app", Image = "nginx", User = user }, PodSecurityLevels.Restricted));

        var refusal = Assert.Single(result.Report.Rejections);
        Assert.Equal(field, refusal.Path);
        Assert.Contains("Pod Security restricted (EcsCluster c spec.podSecurity)", refusal.Reason, StringComparison.Ordinal);
    }

    /// <summary>What a cluster policy allows is still refused under restricted, each on its own field, with the level named.</summary>
    [Theory]
    [MemberData(nameof(AllowedByPolicy))]
    public void Render_PolicyAllowedExceptionUnderRestricted_Refused(string caseName, string field)
    {
        var definition = caseName switch
        {
            "privileged" => new ContainerDefinition { Name = "app", Image = "nginx", Privileged = true },
            "capability" => new ContainerDefinition { Name = "app", Image = "nginx", LinuxParameters = new LinuxParameters { Capabilities = new KernelCapabilities { Add = ["NET_ADMIN"] } } },
            "unconfined" => new ContainerDefinition { Name = "app", Image = "nginx", DockerSecurityOptions = ["seccomp:unconfined"] },
            _ => throw new ArgumentOutOfRangeException(nameof(caseName)),
        };
        var policy = new ClusterPolicy { AllowPrivileged = true, AllowUnconfined = true, AllowedCapabilities = ["ALL"] };

        var baseline = Renderer.Render(WithContainer(definition, PodSecurityLevels.Baseline, policy));
        var restricted = Renderer.Render(WithContainer(definition, PodSecurityLevels.Restricted, policy));

        Assert.False(baseline.Rejected, string.Join("; ", baseline.Report.Rejections.Select(r => r.Reason)));
        var refusal = Assert.Single(restricted.Report.Rejections);
        Assert.Equal(field, refusal.Path);
        Assert.Contains("Pod Security restricted", refusal.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> AllowedByPolicy => new()
    {
        { "privileged", "taskDefinition.containerDefinitions[0].privileged" },
        { "capability", "taskDefinition.containerDefinitions[0].linuxParameters.capabilities.add" },
        { "unconfined", "taskDefinition.containerDefinitions[0].dockerSecurityOptions[0]" },
    };

    [Fact]
    public void Render_NetBindServiceAndNonRootUser_MeetsRestrictedAsWritten()
    {
        var definition = new ContainerDefinition
        {
            Name = "app", Image = "nginx", User = "101",
            DockerSecurityOptions = ["no-new-privileges"],
            LinuxParameters = new LinuxParameters { Capabilities = new KernelCapabilities { Add = ["NET_BIND_SERVICE"], Drop = ["ALL"] } },
        };

        var result = Renderer.Render(WithContainer(definition, PodSecurityLevels.Restricted, new ClusterPolicy { AllowedCapabilities = ["NET_BIND_SERVICE"] }));

        Assert.False(result.Rejected, string.Join("; ", result.Report.Rejections.Select(r => r.Reason)));
        Assert.Empty(Templates(result).SelectMany(t => PodSecurityRestricted.Violations(t.Template)));
        var entry = result.Report.Entries.Single(e => e.Path == "podSecurity");
        Assert.Equal(Disposition.Mapped, entry.Disposition);
        Assert.Equal("Pod Security restricted (EcsCluster c spec.podSecurity): filled in runAsNonRoot true, seccompProfile RuntimeDefault", entry.Reason);
    }

    [Fact]
    public void Render_ImageUser_ApproximatedNamingTheContainer()
    {
        var result = Renderer.Render(WithContainer(new ContainerDefinition { Name = "app", Image = "nginx" }, PodSecurityLevels.Restricted));

        var entry = result.Report.Entries.Single(e => e.Path == "podSecurity");
        Assert.Equal(Disposition.Approximated, entry.Disposition);
        Assert.Contains("containers app run as their image's user", entry.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, PodSecurityLevels.Baseline)]
    [InlineData(PodSecurityLevels.Restricted, null, PodSecurityLevels.Restricted)]
    [InlineData(PodSecurityLevels.Baseline, PodSecurityLevels.Restricted, PodSecurityLevels.Restricted)]
    [InlineData(null, PodSecurityLevels.Baseline, PodSecurityLevels.Baseline)]
    public void Resolve_ClusterAndFloor_StricterWins(string? cluster, string? floor, string expected)
    {
        var (level, _) = EcsOnK8s.Translation.Security.PodSecurityLevel.Resolve(new EcsClusterSpec { PodSecurity = cluster }, "c", floor, "namespace n label");

        Assert.Equal(expected, level);
    }

    [Fact]
    public void Render_FloorFromNamespace_RestrictsABaselineClusterAndSaysWhy()
    {
        var request = WithContainer(new ContainerDefinition { Name = "app", Image = "nginx", User = "0" }, PodSecurityLevels.Baseline) with
        {
            PodSecurityFloor = PodSecurityLevels.Restricted,
            PodSecurityFloorSource = "namespace team label pod-security.kubernetes.io/enforce",
        };

        var refusal = Assert.Single(Renderer.Render(request).Report.Rejections);

        Assert.Contains("Pod Security restricted (namespace team label pod-security.kubernetes.io/enforce)", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_TemplateBreakingEachRule_ReportsEach()
    {
        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>("""
            {"spec":{"volumes":[{"name":"nfs","nfs":{"server":"s","path":"/"}}],
             "securityContext":{"runAsUser":0},
             "containers":[{"name":"app","securityContext":{"capabilities":{"add":["CHOWN"]}}},
                           {"name":"ok","securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false,"seccompProfile":{"type":"RuntimeDefault"},"capabilities":{"drop":["ALL"],"add":["NET_BIND_SERVICE"]}}}]}}
            """);

        var violations = PodSecurityRestricted.Violations(template).ToList();

        Assert.Equal(
            ["volume type of nfs", "pod runAsUser 0", "allowPrivilegeEscalation of app", "runAsNonRoot of app", "seccompProfile of app", "capabilities drop ALL of app", "capability CHOWN of app"],
            violations);
    }

    private static RenderRequest Restricted(GoldenCase golden)
    {
        var request = Request(golden);
        var cluster = request.Cluster ?? new EcsCluster { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = "default" }, Spec = new EcsClusterSpec() };
        cluster.Spec ??= new EcsClusterSpec();
        cluster.Spec.PodSecurity = PodSecurityLevels.Restricted;
        // As in the operator, which renders the run of a schedule no CronJob can time.
        return request with { Cluster = cluster, OperatorTimesSchedules = true };
    }

    private static RenderRequest Request(GoldenCase golden)
    {
        var (options, error) = ConvertCommand.Parse(golden.Arguments("1.30"));
        Assert.True(options is not null, error);
        return ConvertCommand.ReadInputs(options, TextReader.Null, new TranslationReport()).Request;
    }

    private static RenderRequest WithContainer(ContainerDefinition definition, string level, ClusterPolicy? policy = null) => new()
    {
        TaskDefinition = new ResolvedTaskDefinition("web", 1, new EcsTaskDefinitionSpec { Family = "web", ContainerDefinitions = [definition] }),
        Cluster = new EcsCluster { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "team" }, Spec = new EcsClusterSpec { PodSecurity = level, Policy = policy } },
        Service = new EcsService { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "team" }, Spec = new EcsServiceSpec { TaskDefinition = "web:1", DesiredCount = 1 } },
    };

    private static IEnumerable<(string Workload, V1PodTemplateSpec Template)> Templates(RenderResult result) =>
        PodSecurityBaseline.Templates(result.Objects.Append(result.RunTemplate).OfType<IKubernetesObject<V1ObjectMeta>>()
            .Select(o => JsonNode.Parse(KubernetesJson.Serialize(o))!.AsObject()));
}
