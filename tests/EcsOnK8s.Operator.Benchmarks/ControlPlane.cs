using System.Diagnostics;

namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// etcd and kube-apiserver only (no controller-manager, no nodes), started by <c>hack/control-plane.sh up</c> in a
/// fresh temp dir that is recorded nowhere; <see cref="DisposeAsync"/> runs <c>down</c>. The script's watchdog stops
/// it as well should this process be killed.
/// </summary>
internal sealed class ControlPlane : IAsyncDisposable
{
    private readonly string _script;

    private ControlPlane(string script, string directory, string kubeconfig)
    {
        _script = script;
        Directory = directory;
        Kubeconfig = kubeconfig;
    }

    public string Directory { get; }

    public string Kubeconfig { get; }

    /// <summary>Where kube-apiserver writes its audit log when started with an audit policy.</summary>
    public string AuditLogPath => Path.Combine(Directory, "logs", "audit.log");

    public static async Task<ControlPlane> UpAsync(string repositoryRoot, CancellationToken cancellationToken, params string[] options)
    {
        var script = Path.Combine(repositoryRoot, "hack", "control-plane.sh");
        var result = await Tool.RunAsync(script, ["up", "--no-state", "--watch-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "300", .. options],
            repositoryRoot, environment: null, cancellationToken).ConfigureAwait(false);
        string? dir = null;
        string? kubeconfig = null;
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("ECSONK8S_DIR=", StringComparison.Ordinal))
            {
                dir = line["ECSONK8S_DIR=".Length..];
            }
            else if (line.StartsWith("KUBECONFIG=", StringComparison.Ordinal))
            {
                kubeconfig = line["KUBECONFIG=".Length..];
            }
        }

        if (result.ExitCode != 0 || dir is null || kubeconfig is null)
        {
            throw new InvalidOperationException($"control-plane.sh up failed (exit {result.ExitCode}):\n{result.Stderr}");
        }

        return new ControlPlane(script, dir, kubeconfig);
    }

    /// <summary>Installs every CRD of <c>crds/</c> (server-side apply) and waits until they are Established.</summary>
    public async Task InstallCrdsAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = Kubeconfig };
        var crds = Path.Combine(repositoryRoot, "crds");
        string[][] commands =
        [
            ["apply", "--server-side", "--force-conflicts", "-f", crds],
            ["wait", "--for=condition=Established", "--timeout=60s", "-f", crds],
        ];
        foreach (var args in commands)
        {
            var result = await Tool.RunAsync("kubectl", args, repositoryRoot, environment, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed (exit {result.ExitCode}):\n{result.Stderr}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        var watch = Stopwatch.StartNew();
        var result = await Tool.RunAsync(_script, ["down", Directory], workingDirectory: null, environment: null, CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine(result.ExitCode == 0
            ? $"control plane down ({watch.Elapsed.TotalSeconds:F1} s)"
            : $"control-plane.sh down {Directory} failed (exit {result.ExitCode}): {result.Stderr}");
    }
}
