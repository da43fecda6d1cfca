using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>
/// A control plane of its own (kube-apiserver with OwnerReferencesPermissionEnforcement, kube-controller-manager for
/// namespace deletion and garbage collection, no nodes) without the EcsOnK8s CRDs: the install tests put them there with Helm or the bundle, and
/// take them away again, which the other collections' clusters must not see.
/// </summary>
public sealed class InstallFixture : KubeFixture
{
    public const string BundleNamespace = "ecsonk8s-system";

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(90);

    public InstallFixture()
        : base(fullControlPlane: true, hollowNodes: 0)
    {
    }

    protected override bool InstallsCrds => false;

    /// <summary>
    /// A child's owner reference with blockOwnerDeletion then needs update on the owner's finalizers: the chart's
    /// rights are checked as clusters that enforce it (OpenShift, hardened clusters) check them.
    /// </summary>
    protected override IReadOnlyList<string> AdmissionPlugins => ["OwnerReferencesPermissionEnforcement"];

    /// <summary>
    /// Removes what an earlier test may have left: the README's release, the bundle's objects, and every EcsOnK8s
    /// CRD (a kept CRD belongs to the release that made it; another release could not adopt it).
    /// </summary>
    public async Task ResetAsync()
    {
        await Tool.HelmAsync(KubeconfigPath, "uninstall", "ecsonk8s", "--namespace", BundleNamespace, "--ignore-not-found", "--wait");
        (await Tool.KubectlAsync(KubeconfigPath, "delete", "-f", RepositoryRoot.Combine("deploy", "install.yaml"), "--ignore-not-found", "--wait", "--timeout=90s"))
            .EnsureSucceeded();
        await RemoveCrdsAsync();
    }

    /// <summary>Deletes every CRD of the ecsonk8s.io group and waits until the API server no longer lists them.</summary>
    public async Task RemoveCrdsAsync()
    {
        foreach (var crd in await EcsCrdNamesAsync())
        {
            try
            {
                await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(crd);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // gone meanwhile
            }
        }

        await Eventually.ValueAsync(EcsCrdNamesAsync, names => names.Count == 0, "no ecsonk8s.io CRD left", CleanupTimeout,
            describe: names => string.Join(", ", names));
    }

    /// <summary>How many CRDs the project has (crds/, one file each): what an install must create.</summary>
    public static int EcsCrdCount { get; } = Directory.GetFiles(RepositoryRoot.Combine("crds"), "*.yaml").Length;

    /// <summary>The names of the ecsonk8s.io CRDs the API server has.</summary>
    public async Task<List<string>> EcsCrdNamesAsync() =>
        (await Client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items
            .Where(c => c.Spec.Group == "ecsonk8s.io")
            .Select(c => c.Metadata.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
}
