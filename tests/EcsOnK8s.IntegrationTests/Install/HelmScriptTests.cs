using Xunit;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>hack/helm.sh, which .ci/run and <c>make bundle</c> run: idempotent, pinned, and clear when misused.</summary>
public sealed class HelmScriptTests
{
    [Fact]
    public async Task Install_WhenInstalled_IsANoOpAndPathNamesThePinnedHelm()
    {
        // The cached helm, whatever ECSONK8S_HELM says.
        var install = await CachedAsync("install");
        var path = await CachedAsync("path");
        var version = await CachedAsync("--", "version", "--template", "{{.Version}}");

        Assert.True(install.Succeeded, install.Describe());
        Assert.Contains("is installed", install.StandardError, StringComparison.Ordinal);
        Assert.True(path.Succeeded, path.Describe());
        Assert.StartsWith("v4.", version.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"/tools/helm/{version.StandardOutput.Trim()}/helm", path.StandardOutput, StringComparison.Ordinal);
    }

    private static Task<ToolResult> CachedAsync(params string[] arguments) =>
        Tool.RunAsync("env", ["-u", "ECSONK8S_HELM", "bash", Testing.Common.RepositoryRoot.Combine("hack", "helm.sh"), .. arguments]);

    [Fact]
    public async Task Path_OverrideThatIsNoExecutable_FailsNamingIt()
    {
        var path = await Tool.RunAsync("env", ["ECSONK8S_HELM=/nonexistent/helm", "bash", Testing.Common.RepositoryRoot.Combine("hack", "helm.sh"), "path"]);

        Assert.Equal(1, path.ExitCode);
        Assert.Contains("ECSONK8S_HELM=/nonexistent/helm is not an executable", path.StandardError, StringComparison.Ordinal);
    }
}
