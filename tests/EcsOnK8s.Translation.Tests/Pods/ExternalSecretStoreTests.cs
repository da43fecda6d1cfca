using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods.Secrets;
using EcsOnK8s.Translation.Report;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

/// <summary>Which store and which served version an ExternalSecret gets, per provider of the reference.</summary>
public class ExternalSecretStoreTests
{
    private const string SecretsManagerArn = "arn:aws:secretsmanager:us-east-1:1:secret:worker/db-AbCdEf:password::";
    private const string ParameterArn = "arn:aws:ssm:us-east-1:1:parameter/worker/api-token";

    private static SecretStoreReference? Store(string? name, string? kind = null) => name is null ? null : new SecretStoreReference { Name = name, Kind = kind };

    private static (List<ExternalSecret> Externals, TranslationReport Report) Render(ClusterSecrets secrets, string? apiVersion = "external-secrets.io/v1")
    {
        var c = Container();
        c.Secrets =
        [
            new() { Name = "DB_PASSWORD", ValueFrom = SecretsManagerArn },
            new() { Name = "API_TOKEN", ValueFrom = ParameterArn },
        ];
        secrets.Provider = "ExternalSecrets";
        var (result, report) = Build(Spec(c), new EcsClusterSpec { Secrets = secrets }, ClusterCapabilities.Kubernetes130 with { ExternalSecretApiVersion = apiVersion });
        return ([.. result.Companions.OfType<ExternalSecret>().OrderBy(e => e.Metadata.Name, StringComparer.Ordinal)], report);
    }

    public static TheoryData<string?, string?, string?, string?, string?> Stores => new()
    {
        // storeRef, secretsManagerStoreRef, parameterStoreStoreRef -> store of worker-db (Secrets Manager), of worker-api-token (SSM)
        { "aws", null, null, "aws", "aws" },
        { "aws", "sm", null, "sm", "aws" },
        { "aws", null, "ssm", "aws", "ssm" },
        { null, "sm", "ssm", "sm", "ssm" },
        { "aws", "sm", "ssm", "sm", "ssm" },
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public void Build_StorePerProvider_EachReferenceFromItsProvidersStore(string? storeRef, string? secretsManager, string? parameterStore, string? expectedSecretsManager, string? expectedParameterStore)
    {
        var (externals, report) = Render(new ClusterSecrets { StoreRef = Store(storeRef), SecretsManagerStoreRef = Store(secretsManager), ParameterStoreStoreRef = Store(parameterStore) });

        Assert.False(report.HasRejections);
        Assert.Equal(["worker-api-token", "worker-db"], externals.Select(e => e.Metadata.Name));
        Assert.Equal(expectedParameterStore, externals[0].Spec.SecretStoreRef.Name);
        Assert.Equal("/worker/api-token", externals[0].Spec.Data.Single().RemoteRef.Key);
        Assert.Equal(expectedSecretsManager, externals[1].Spec.SecretStoreRef.Name);
        Assert.Equal("worker/db", externals[1].Spec.Data.Single().RemoteRef.Key);
        Assert.Contains($"from store {expectedParameterStore}", report.Entry("containerDefinitions[0].secrets[1].valueFrom").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OnlyOneProvidersStore_OtherReferenceApproximatedNamingTheMissingSetting()
    {
        var (externals, report) = Render(new ClusterSecrets { SecretsManagerStoreRef = Store("sm", "ClusterSecretStore") });

        var external = Assert.Single(externals);
        Assert.Equal(("worker-db", "sm", "ClusterSecretStore"), (external.Metadata.Name, external.Spec.SecretStoreRef.Name, external.Spec.SecretStoreRef.Kind));
        var entry = report.Entry("containerDefinitions[0].secrets[1].valueFrom");
        Assert.Equal(Disposition.Approximated, entry.Disposition);
        Assert.Contains("no spec.secrets.parameterStoreStoreRef (nor spec.secrets.storeRef)", entry.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("external-secrets.io/v1")]
    [InlineData("external-secrets.io/v1beta1")]
    public void Build_ServedVersion_IsTheExternalSecretsApiVersion(string apiVersion)
    {
        var (externals, _) = Render(new ClusterSecrets { StoreRef = Store("aws") }, apiVersion);

        Assert.All(externals, e => Assert.Equal(apiVersion, e.ApiVersion));
    }

    [Fact]
    public void Build_SameSecretNameFromTwoStores_RejectedNamingBothStores()
    {
        var c = Container();
        c.Secrets =
        [
            new() { Name = "A", ValueFrom = "arn:aws:secretsmanager:us-east-1:1:secret:prod/db-AbCdEf" },
            new() { Name = "B", ValueFrom = "/prod/db" },
        ];
        var cluster = new EcsClusterSpec
        {
            Secrets = new ClusterSecrets { Provider = "ExternalSecrets", SecretsManagerStoreRef = Store("sm"), ParameterStoreStoreRef = Store("ssm") },
        };

        var (_, report) = Build(Spec(c), cluster, ClusterCapabilities.Kubernetes130 with { ExternalSecretApiVersion = "external-secrets.io/v1" });

        var entry = report.Entry("containerDefinitions[0].secrets[1].valueFrom");
        Assert.Equal(Disposition.Rejected, entry.Disposition);
        Assert.Contains("Secret prod-db is also filled from SecretStore sm", entry.Reason, StringComparison.Ordinal);
        Assert.Contains("SecretStore ssm (spec.secrets.parameterStoreStoreRef)", entry.Reason, StringComparison.Ordinal);
    }
}
