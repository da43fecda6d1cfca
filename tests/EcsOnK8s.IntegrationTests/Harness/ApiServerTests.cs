using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Harness;

[Collection(KubeCollection.Name)]
public sealed class ApiServerTests
{
    private readonly KubeFixture _fixture;

    public ApiServerTests(KubeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Version_LocalControlPlane_IsKubernetes120()
    {
        var version = await _fixture.Client.Version.GetCodeAsync();

        Assert.False(string.IsNullOrEmpty(version.GitVersion));
        if (_fixture.Backend == KubeBackend.Local)
        {
            Assert.StartsWith("v1.20", version.GitVersion, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreateNamespace_TwoCallsWithSamePrefix_GiveDistinctExistingNamespaces()
    {
        var first = await _fixture.CreateNamespaceAsync("Harness_Namespace");
        var second = await _fixture.CreateNamespaceAsync("Harness_Namespace");

        Assert.NotEqual(first, second);
        Assert.StartsWith("harness-namespace-", first, StringComparison.Ordinal);
        Assert.Equal(first, (await _fixture.Client.CoreV1.ReadNamespaceAsync(first)).Metadata.Name);
        Assert.Equal(second, (await _fixture.Client.CoreV1.ReadNamespaceAsync(second)).Metadata.Name);
    }

    [Fact]
    public async Task Crds_RepositoryCrdsDirectory_AreAllEstablished()
    {
        var directory = RepositoryRoot.Combine("crds");
        var expected = await CustomResourceDefinitions.LoadDirectoryAsync(directory);

        foreach (var crd in expected)
        {
            var served = await _fixture.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name);
            Assert.Contains(served.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        }
    }
}
