using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>deploy/install.yaml applied with kubectl as the README says, to a control plane without the CRDs.</summary>
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
        Assert.Equal(6, (await fixture.EcsCrdNamesAsync()).Count);
        Assert.Contains(objects, o => (string?)o["kind"] == "Deployment");

        // Applied again (an upgrade of the bundle), nothing fails.
        var again = Assert.Single(await ReadmeInstall.RunAsync(ReadmeInstall.BundleLine, fixture.KubeconfigPath));
        Assert.True(again.Succeeded, again.Describe());
        await fixture.ResetAsync();
    }
}
