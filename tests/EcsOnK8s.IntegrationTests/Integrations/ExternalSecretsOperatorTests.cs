using System.Text.Json;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Integrations;

/// <summary>
/// The operator with External Secrets' CRDs installed (fixtures with structural schemas, so the API server checks the
/// rendered shape): the samples' worker resolves its Secrets Manager and Parameter Store references through
/// ExternalSecrets applied (not dry-run) from the store of each provider, in the served version that discovery found.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ExternalSecretsOperatorTests(KubeFixture fixture)
{
    private const string Group = "external-secrets.io";

    [Fact]
    public async Task WorkerSample_ExternalSecretsInstalled_OneExternalSecretPerSecretFromItsProvidersStore()
    {
        await using var crds = await IntegrationCrds.InstallAsync(fixture.Client, "external-secrets.io_externalsecrets.yaml", "external-secrets.io_secretstores.yaml");
        await using var s = await OperatorScenario.StartAsync(fixture, "es-worker");

        // The stores the sample cluster names are valid SecretStores (checked by the fixture's schema).
        foreach (var store in Documents(RepositoryRoot.Combine("docs", "examples", "external-secrets-stores.yaml")))
        {
            await fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(store, Group, "v1", s.Namespace, "secretstores");
        }

        await s.CreateAsync<EcsCluster>(Sample("cluster.yaml", "EcsCluster"));
        await s.CreateAsync<EcsTaskDefinition>(Sample("worker.yaml", "EcsTaskDefinition"));
        await s.CreateAsync<EcsService>(Sample("worker.yaml", "EcsService"));

        var db = await ExternalSecretAsync(s, "worker-db");
        var token = await ExternalSecretAsync(s, "worker-api-token");

        Assert.Equal("external-secrets.io/v1", db.GetProperty("apiVersion").GetString());
        Assert.Equal(("aws-secrets-manager", "SecretStore"), Store(db));
        Assert.Equal(("aws-parameter-store", "SecretStore"), Store(token));
        var dbData = Assert.Single(db.GetProperty("spec").GetProperty("data").EnumerateArray());
        Assert.Equal(("password", "worker/db", "password"), (dbData.GetProperty("secretKey").GetString(), dbData.GetProperty("remoteRef").GetProperty("key").GetString(), dbData.GetProperty("remoteRef").GetProperty("property").GetString()));
        var tokenData = Assert.Single(token.GetProperty("spec").GetProperty("data").EnumerateArray());
        Assert.Equal("/worker/api-token", tokenData.GetProperty("remoteRef").GetProperty("key").GetString());
        // Shared by the namespace's workloads: owned by the EcsCluster, not the service.
        var owner = Assert.Single(db.GetProperty("metadata").GetProperty("ownerReferences").EnumerateArray());
        Assert.Equal("EcsCluster", owner.GetProperty("kind").GetString());

        var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("worker"), d => d is not null, "the worker Deployment");
        var env = deployment!.Spec.Template.Spec.Containers.Single(c => c.Name == "app").Env;
        Assert.Equal("worker-db", env.Single(e => e.Name == "DB_PASSWORD").ValueFrom.SecretKeyRef.Name);
        Assert.Equal("worker-api-token", env.Single(e => e.Name == "API_TOKEN").ValueFrom.SecretKeyRef.Name);
        var status = await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("worker"), x => x?.Status?.Translation is not null, "the worker's translation summary");
        Assert.DoesNotContain(status!.Status.Translation!.Notes ?? [], n => n.Contains("secrets[", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> ExternalSecretAsync(OperatorScenario s, string name) =>
        await OperatorScenario.EventuallyAsync(
            async () =>
            {
                try
                {
                    return (JsonElement?)await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(Group, "v1", s.Namespace, "externalsecrets", name);
                }
                catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return null;
                }
            },
            e => e is not null,
            $"ExternalSecret {name}") ?? default;

    private static (string?, string?) Store(JsonElement external)
    {
        var store = external.GetProperty("spec").GetProperty("secretStoreRef");
        return (store.GetProperty("name").GetString(), store.GetProperty("kind").GetString());
    }

    private static string Sample(string file, string kind) =>
        File.ReadAllText(RepositoryRoot.Combine("samples", file)).Split("\n---\n").Single(d => d.Contains($"\nkind: {kind}\n", StringComparison.Ordinal));

    private static IEnumerable<JsonElement> Documents(string path) =>
        YamlDocuments.Read(File.ReadAllText(path)).Select(d => JsonDocument.Parse(d.ToJsonString()).RootElement);
}
