using System.Net;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcsOnK8s.IntegrationTests.Integrations;

/// <summary>
/// The foreign CRDs of the integrations (Integrations/Crds, written from the projects' published schemas), installed
/// for one test and removed after it: the API server is shared, and other tests expect none of them served.
/// </summary>
internal sealed class IntegrationCrds : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly List<string> _names = [];

    private IntegrationCrds(IKubernetes client) => _client = client;

    public static async Task<IntegrationCrds> InstallAsync(IKubernetes client, params string[] files)
    {
        var installed = new IntegrationCrds(client);
        try
        {
            foreach (var file in files)
            {
                var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
                    await File.ReadAllTextAsync(RepositoryRoot.Combine("tests", "EcsOnK8s.IntegrationTests", "Integrations", "Crds", file)));
                installed._names.Add(crd.Metadata.Name);
                await CustomResourceDefinitions.InstallAsync(client, crd);
            }
        }
        catch
        {
            await installed.DisposeAsync();
            throw;
        }

        return installed;
    }

    /// <summary>Deletes the CRDs and waits until the API server no longer has them (their objects go with them).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var name in _names)
        {
            try
            {
                await _client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(name);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }

            await Eventually.ValueAsync(() => ExistsAsync(name), exists => !exists, $"CRD {name} gone", TimeSpan.FromSeconds(60));
        }
    }

    private async Task<bool> ExistsAsync(string name)
    {
        try
        {
            await _client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
