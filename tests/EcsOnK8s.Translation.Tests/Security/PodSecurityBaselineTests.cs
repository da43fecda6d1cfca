using System.Text.Json.Nodes;
using EcsOnK8s.Testing.Common;
using EcsOnK8s.Translation.Tests.Golden;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Security;

/// <summary>
/// Every pod template of the golden corpus meets Pod Security baseline, except where the case's EcsCluster policy
/// allows exactly that: a violation is only ever one a policy field named it.
/// </summary>
public class PodSecurityBaselineTests
{
    public static TheoryData<string> Cases => new(GoldenCase.All().Where(c => !c.ExpectRejected).Select(c => c.Name));

    [Fact]
    public void Corpus_RendersPodTemplates()
    {
        var templates = GoldenCase.All().Where(c => !c.ExpectRejected).SelectMany(ExpectedDocuments).SelectMany(d => PodSecurityBaseline.Templates([d])).Count();

        Assert.True(templates >= 30, $"{templates} pod templates in the golden corpus");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenPodTemplates_MeetBaselineBeyondWhatTheirPolicyAllows(string name)
    {
        var golden = GoldenCase.All().Single(c => c.Name == name);
        var allowed = AllowedPolicyFields(golden);

        var violations = ExpectedDocuments(golden)
            .SelectMany(d => PodSecurityBaseline.Templates([d]))
            .SelectMany(t => PodSecurityBaseline.Violations(t.Template).Select(v => (t.Workload, v.PolicyField, v.What)))
            .Where(v => !allowed.Contains(v.PolicyField))
            .Select(v => $"{v.Workload}: {v.What} (needs spec.policy.{v.PolicyField})")
            .ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public void Checker_PrivilegedHostPathTemplate_FindsEachViolation()
    {
        var template = k8s.KubernetesJson.Deserialize<k8s.Models.V1PodTemplateSpec>("""
            {"metadata":{"annotations":{"container.apparmor.security.beta.kubernetes.io/app":"unconfined"}},
             "spec":{"hostNetwork":true,"volumes":[{"name":"sock","hostPath":{"path":"/var/run/docker.sock"}}],
             "securityContext":{"sysctls":[{"name":"kernel.msgmax","value":"1"}]},
             "containers":[{"name":"app","securityContext":{"privileged":true,"capabilities":{"add":["SYS_ADMIN","CHOWN"]},"seccompProfile":{"type":"Unconfined"}}}]}}
            """);

        var fields = PodSecurityBaseline.Violations(template).Select(v => v.PolicyField).ToList();

        Assert.Equal(
            ["allowHostNetwork", "allowHostPath", "allowedUnsafeSysctls", "allowUnconfined", "allowPrivileged", "allowedCapabilities", "allowUnconfined"],
            fields);
    }

    private static IEnumerable<JsonObject> ExpectedDocuments(GoldenCase golden) =>
        GoldenCase.Versions.Select(v => golden.Expected("expected", "yaml", v)).Distinct(StringComparer.Ordinal)
            .Where(File.Exists)
            .SelectMany(path => YamlDocuments.Read(File.ReadAllText(path)));

    /// <summary>The policy fields the case's cluster.yaml turns on (true switches, non-empty lists).</summary>
    private static HashSet<string> AllowedPolicyFields(GoldenCase golden)
    {
        var path = golden.In("cluster.yaml");
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        var documents = File.Exists(path) ? YamlDocuments.Read(File.ReadAllText(path)) : [];
        if (documents.Count == 0 || documents[0]["spec"]?["policy"] is not JsonObject policy)
        {
            return allowed;
        }

        foreach (var (field, value) in policy)
        {
            if (value is JsonArray { Count: > 0 } || (value is JsonValue v && v.TryGetValue<bool>(out var on) && on))
            {
                allowed.Add(field);
            }
        }

        return allowed;
    }
}
