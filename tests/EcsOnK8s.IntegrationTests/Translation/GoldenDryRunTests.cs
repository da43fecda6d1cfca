using System.Net.Http.Headers;
using System.Text;
using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using EcsOnK8s.Translation;
using EcsOnK8s.Translation.Report;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Translation;

/// <summary>
/// Every golden case, rendered for Kubernetes 1.20 through the CLI's code path, is accepted by the real
/// kube-apiserver with a server-side dry run (<c>dryRun=All</c>) in a fresh namespace. ExternalSecrets are skipped
/// (no CRD on the test server); PersistentVolumes are cluster-scoped.
/// </summary>
[Collection(KubeCollection.Name)]
public class GoldenDryRunTests(KubeFixture fixture)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(GoldenRoot()).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, "taskdef.json")) && !name.StartsWith("rejected-", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Apply_GoldenCaseManifests_AcceptedByApiServerDryRun(string name)
    {
        var folder = Path.Combine(GoldenRoot(), name);
        string? In(string file) => File.Exists(Path.Combine(folder, file)) ? Path.Combine(folder, file) : null;
        var ns = await fixture.CreateNamespaceAsync("golden-" + name);
        var options = new ConvertOptions
        {
            TaskDefinition = In("taskdef.json")!,
            Service = In("service.json"),
            Scaling = In("scaling.json") is { } s ? [s] : [],
            RunTask = In("run-task.json"),
            Schedule = In("schedule.json"),
            Cluster = In("cluster.yaml"),
            KubernetesVersion = "1.20",
            Namespace = ns,
        };
        var (request, _) = ConvertCommand.ReadInputs(options, TextReader.Null, new TranslationReport());
        var result = Renderer.Render(request);
        Assert.False(result.Rejected, string.Join("; ", result.Report.Rejections.Select(r => $"{r.Path}: {r.Reason}")));

        var kubernetes = Assert.IsType<Kubernetes>(fixture.Client);
        var failures = new List<string>();
        foreach (var obj in result.Objects.Where(o => o.Kind != "ExternalSecret"))
        {
            var (group, version) = obj.ApiVersion.Contains('/', StringComparison.Ordinal)
                ? (obj.ApiVersion[..obj.ApiVersion.IndexOf('/', StringComparison.Ordinal)], obj.ApiVersion[(obj.ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..])
                : (string.Empty, obj.ApiVersion);
            var plural = EcsOnK8s.Runtime.Kube.ResourceTypes.TryFind(obj.ApiVersion, obj.Kind, out var type) ? type.Plural : obj.Kind.ToLowerInvariant() + "s";
            var root = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            var path = obj.Kind == "PersistentVolume" ? $"{root}/{plural}" : $"{root}/namespaces/{ns}/{plural}";
            if (obj.Kind == "PersistentVolume")
            {
                obj.Metadata.NamespaceProperty = null;
            }

            using var content = new StringContent(KubernetesJson.Serialize(obj), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var uri = new Uri(kubernetes.BaseUri, path + "?dryRun=All&fieldManager=ecsonk8s-golden");
            using var response = await kubernetes.HttpClient.PostAsync(uri, content);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{obj.Kind}/{obj.Metadata.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string GoldenRoot() => RepositoryRoot.Combine("tests", "EcsOnK8s.Translation.Tests", "Golden");
}
