using System.Text.Json.Nodes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing.Common;
using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Samples;

/// <summary>
/// <c>make run</c> creates hack/run-secrets.yaml where External Secrets is not installed, so that the worker sample's
/// containers find their Secrets: it must name exactly the Secrets and keys the sample's secrets render to.
/// </summary>
public class SampleSecretsTests
{
    private static JsonObject Document(string path, string kind) =>
        YamlDocuments.Read(File.ReadAllText(RepositoryRoot.Combine(path))).Single(d => (string?)d["kind"] == kind);

    private static T Read<T>(string path, string kind) => KubernetesJson.Deserialize<T>(Document(path, kind).ToJsonString());

    [Fact]
    public void RunSecrets_WorkerWithoutExternalSecrets_EverySecretAndKeyTheContainersReferTo()
    {
        var td = Read<EcsTaskDefinition>("samples/worker.yaml", "EcsTaskDefinition");
        var service = Read<EcsService>("samples/worker.yaml", "EcsService");
        service.Metadata.NamespaceProperty = "default";
        var result = Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition(td.Spec.Family!, 1, td.Spec),
            Cluster = Read<EcsCluster>("samples/cluster.yaml", "EcsCluster"),
            Service = service,
        });
        var referred = result.Objects.OfType<V1Deployment>()
            .SelectMany(d => d.Spec.Template.Spec.Containers.Concat(d.Spec.Template.Spec.InitContainers ?? []))
            .SelectMany(c => c.Env ?? [])
            .Where(e => e.ValueFrom?.SecretKeyRef is not null)
            .Select(e => $"{e.ValueFrom.SecretKeyRef.Name}/{e.ValueFrom.SecretKeyRef.Key}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var created = YamlDocuments.Read(File.ReadAllText(RepositoryRoot.Combine("hack", "run-secrets.yaml")))
            .Where(d => (string?)d["kind"] == "Secret")
            .SelectMany(d => d["stringData"]!.AsObject().Select(p => $"{d["metadata"]!["name"]}/{p.Key}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.DoesNotContain(result.Objects, o => o.Kind == "ExternalSecret");
        Assert.Equal(["worker-api-token/value", "worker-db/password"], referred);
        Assert.Equal(referred, created);
    }
}
