using System.Diagnostics;
using EcsOnK8s.IntegrationTests.Api;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>Runs helm, kubectl and the repository's hack/ scripts from the repository root, with a time limit.</summary>
internal static class Tool
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<Task<string>> HelmPath = new(FindHelmAsync);

    /// <summary>
    /// The helm the tests use: what <c>hack/helm.sh path</c> prints (ECSONK8S_HELM or the cached Helm v4). CI installs
    /// it (.ci/run), so a missing helm fails the test with the command that installs it instead of skipping.
    /// </summary>
    public static Task<string> HelmAsync() => HelmPath.Value;

    public static async Task<ToolResult> HelmAsync(string? kubeconfig, params string[] arguments)
    {
        string[] withConfig = kubeconfig is null ? arguments : ["--kubeconfig", kubeconfig, .. arguments];
        return await RunAsync(await HelmAsync(), withConfig);
    }

    public static Task<ToolResult> KubectlAsync(string kubeconfig, params string[] arguments) =>
        RunAsync(Kubectl.Path, ["--kubeconfig", kubeconfig, .. arguments]);

    /// <summary>Runs a script of hack/ with bash.</summary>
    public static Task<ToolResult> ScriptAsync(string script, params string[] arguments) =>
        RunAsync("bash", [RepositoryRoot.Combine("hack", script), .. arguments]);

    public static async Task<ToolResult> RunAsync(string command, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Only the kubeconfig given on the command line counts; Helm keeps no state of ours between tests.
        info.Environment.Remove("KUBECONFIG");
        info.Environment.Remove("HELM_NAMESPACE");
        info.Environment.Remove("HELM_KUBECONTEXT");
        var display = $"{Path.GetFileName(command)} {string.Join(' ', arguments)}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {display}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{display} took more than {timeout ?? DefaultTimeout}");
        }

        return new ToolResult(display, process.ExitCode, await output, await error);
    }

    private static async Task<string> FindHelmAsync()
    {
        var found = await ScriptAsync("helm.sh", "path");
        var path = found.StandardOutput.Trim();
        if (!found.Succeeded || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"helm is not installed; run `hack/helm.sh install` (CI runs it in .ci/run). {found.StandardError.Trim()}");
        }

        return path;
    }
}
