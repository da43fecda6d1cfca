using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>
/// deploy/install.yaml applied with kubectl as the README says, to a control plane without the CRDs; the chart's
/// optional objects checked by the API server.
/// </summary>
[Collection(InstallCollection.Name)]
public sealed class BundleApplyTests(InstallFixture fixture)
{
    [Fact]
    public async Task ReadmeKubectlApply_Bundle_CreatesEveryObject()
    {
        await fixture.ResetAsync();
        var bundle = await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy", "install.yaml"));

        var apply = Assert.Single(await ReadmeInstall.RunAsync(ReadmeInstall.BundleLine, fixture.KubeconfigPath));

        Assert.True(apply.Succeeded, apply.Describe());
        Assert.Contains("deploy/install.yaml", apply.Command, StringComparison.Ordinal);
        var objects = await LiveObjects.AssertAllExistAsync(fixture.KubeconfigPath, bundle);
        Assert.Equal(InstallFixture.EcsCrdCount, (await fixture.EcsCrdNamesAsync()).Count);
        Assert.Contains(objects, o => (string?)o["kind"] == "Deployment");

        // Applied again (an upgrade of the bundle), nothing fails.
        var again = Assert.Single(await ReadmeInstall.RunAsync(ReadmeInstall.BundleLine, fixture.KubeconfigPath));
        Assert.True(again.Succeeded, again.Describe());
        await fixture.ResetAsync();
    }

    [Fact]
    public async Task ChartWithEveryOptionalObject_ServerSideDryRun_AcceptedByTheApiServer()
    {
        var release = await fixture.CreateNamespaceAsync("optional-objects");
        var watched = await fixture.CreateNamespaceAsync("optional-watched");

        // The cluster's own version picks the PodDisruptionBudget's apiVersion, as helm install would.
        var render = await Tool.HelmAsync(
            fixture.KubeconfigPath, "template", "optional", "charts/ecsonk8s", "--namespace", release, "--validate",
            "--set", "networkPolicy.enabled=true", "--set", "networkPolicy.metricsFrom[0].podSelector.matchLabels.app=prometheus",
            "--set", $"watchNamespaces={{{watched}}}", "--set", "image.digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "--set", "crds.enabled=false");
        Assert.True(render.Succeeded, render.Describe());
        Assert.Contains("kind: NetworkPolicy", render.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("apiVersion: policy/v1beta1", render.StandardOutput, StringComparison.Ordinal);

        var file = Path.Combine(Path.GetTempPath(), $"ecsonk8s-optional-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, render.StandardOutput);
        try
        {
            var dryRun = await Tool.KubectlAsync(fixture.KubeconfigPath, "apply", "--dry-run=server", "-f", file);

            Assert.True(dryRun.Succeeded, dryRun.Describe());
            Assert.Contains("networkpolicy.networking.k8s.io/optional-ecsonk8s created (server dry run)", dryRun.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("poddisruptionbudget.policy/optional-ecsonk8s created (server dry run)", dryRun.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
