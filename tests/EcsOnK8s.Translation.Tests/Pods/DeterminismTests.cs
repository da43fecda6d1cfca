using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using k8s;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class DeterminismTests
{
    private static string Yaml(PodRenderResult result) =>
        KubernetesYaml.Serialize(result.Template) + "\n---\n" + string.Join("\n---\n", result.Companions.Select(c => KubernetesYaml.Serialize(c)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Build_SameInputTwice_ByteIdenticalYaml(int variant)
    {
        var cluster = SpecFiller.Fill<EcsClusterSpec>(variant);
        cluster.Secrets!.Provider = "ExternalSecrets";
        var capabilities = ClusterCapabilities.Kubernetes130 with { ExternalSecretApiVersion = "external-secrets.io/v1" };
        var first = Yaml(Build(Filled(variant), cluster, capabilities).Result);
        var second = Yaml(Build(Filled(variant), cluster, capabilities).Result);
        Assert.Equal(first, second);
        Assert.Contains("ExternalSecret", first, StringComparison.Ordinal);
    }

    /// <summary>A filled spec whose secrets do not reuse the variables' names (the filler gives every name alike), which Kubernetes refuses.</summary>
    private static EcsTaskDefinitionSpec Filled(int variant)
    {
        var spec = SpecFiller.Fill<EcsTaskDefinitionSpec>(variant);
        foreach (var secret in spec.ContainerDefinitions!.SelectMany(c => c.Secrets ?? []))
        {
            secret.Name = "SECRET_" + secret.Name;
        }

        return spec;
    }

    [Fact]
    public void Build_DictionaryInsertionOrder_DoesNotChangeOutput()
    {
        static EcsTaskDefinitionSpec Make(bool reversed)
        {
            var c = Container();
            var pairs = new[] { ("b.example.com/x", "1"), ("a.example.com/y", "2"), ("c", "3") };
            c.DockerLabels = (reversed ? pairs.Reverse() : pairs).ToDictionary(p => p.Item1, p => p.Item2);
            c.LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = (reversed ? pairs.Reverse() : pairs).ToDictionary(p => p.Item1, p => p.Item2) };
            return Spec(c);
        }

        Assert.Equal(Yaml(Build(Make(false)).Result), Yaml(Build(Make(true)).Result));
    }

    [Fact]
    public void Build_ExternalSecretYaml_CamelCaseFields()
    {
        var c = Container();
        c.Secrets = [new() { Name = "U", ValueFrom = "/a/b" }];
        var cluster = new EcsClusterSpec { Secrets = new ClusterSecrets { Provider = "ExternalSecrets", StoreRef = new SecretStoreReference { Name = "aws" } } };
        var (result, _) = Build(Spec(c), cluster, ClusterCapabilities.Kubernetes130 with { ExternalSecretApiVersion = "external-secrets.io/v1" });
        var yaml = KubernetesYaml.Serialize(result.Companions.Single());
        Assert.Contains("apiVersion: external-secrets.io/v1beta1", yaml, StringComparison.Ordinal);
        Assert.Contains("secretStoreRef:", yaml, StringComparison.Ordinal);
        Assert.Contains("remoteRef:", yaml, StringComparison.Ordinal);
        Assert.Contains("key: /a/b", yaml, StringComparison.Ordinal);
        var json = KubernetesJson.Serialize(result.Companions.Single());
        Assert.Contains("\"secretKey\":\"value\"", json, StringComparison.Ordinal);
    }
}
