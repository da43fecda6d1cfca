using System.Diagnostics;
using EcsOnK8s.Testing.Common;

namespace EcsOnK8s.Testing;

/// <summary>Runs <c>hack/control-plane.sh</c> of this repository.</summary>
public static class ControlPlaneScript
{
    public static string ScriptPath => RepositoryRoot.Combine("hack", "control-plane.sh");

    public static async Task<ScriptResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        startInfo.ArgumentList.Add(ScriptPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start bash {ScriptPath}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ScriptResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts a control plane (<c>up --no-state</c>) that tears itself down when this process exits without
    /// disposing it. Throws with a hint to run <c>hack/control-plane.sh install</c> when the binaries are missing.
    /// </summary>
    public static Task<LocalControlPlane> UpAsync(bool full, int hollowNodes, CancellationToken cancellationToken = default) =>
        UpAsync(full, hollowNodes, auditPolicyFile: null, cancellationToken);

    /// <summary>As <see cref="UpAsync(bool, int, CancellationToken)"/>, with kube-apiserver auditing what
    /// <paramref name="auditPolicyFile"/> selects into <see cref="LocalControlPlane.AuditLogPath"/> (off when null).</summary>
    public static Task<LocalControlPlane> UpAsync(bool full, int hollowNodes, string? auditPolicyFile, CancellationToken cancellationToken = default) =>
        UpAsync(full, hollowNodes, auditPolicyFile, admissionPlugins: [], cancellationToken);

    /// <summary>As <see cref="UpAsync(bool, int, string?, CancellationToken)"/>, with kube-apiserver running
    /// <paramref name="admissionPlugins"/> besides NodeRestriction (OwnerReferencesPermissionEnforcement, say).</summary>
    public static async Task<LocalControlPlane> UpAsync(
        bool full, int hollowNodes, string? auditPolicyFile, IReadOnlyList<string> admissionPlugins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admissionPlugins);
        var binaries = await RunAsync(["bin-dir"], cancellationToken);
        if (!binaries.Succeeded)
        {
            throw new InvalidOperationException(
                "The Kubernetes control-plane binaries are not installed. Run `hack/control-plane.sh install` once "
                + "(about 10 minutes on 2 cores; see docs/control-plane.md), or set ECSONK8S_TEST_BACKEND=kubeconfig. "
                + binaries.StandardError.Trim());
        }

        List<string> arguments = ["up", "--no-state", "--watch-pid", Environment.ProcessId.ToString()];
        if (full)
        {
            arguments.Add("--full");
        }

        if (hollowNodes > 0)
        {
            arguments.AddRange(["--nodes", hollowNodes.ToString()]);
        }

        if (auditPolicyFile is not null)
        {
            arguments.AddRange(["--audit-policy", auditPolicyFile]);
        }

        if (admissionPlugins.Count > 0)
        {
            arguments.AddRange(["--admission-plugins", string.Join(',', admissionPlugins)]);
        }

        // Ports are picked free, but another process can take one before the component binds it; `up` tears
        // the half-started plane down, so starting again with fresh ports is safe.
        var result = await RunAsync(arguments, cancellationToken);
        for (var attempt = 1; attempt < UpAttempts && !result.Succeeded && IsPortRace(result); attempt++)
        {
            result = await RunAsync(arguments, cancellationToken);
        }

        if (!result.Succeeded)
        {
            var hint = result.StandardError.Contains("not found", StringComparison.Ordinal)
                ? " Run `hack/control-plane.sh install` to build the missing binaries."
                : string.Empty;
            throw new InvalidOperationException(
                $"hack/control-plane.sh up failed (exit {result.ExitCode}).{hint}\n{result.StandardError}");
        }

        var values = result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!values.TryGetValue("ECSONK8S_DIR", out var directory) || !values.TryGetValue("KUBECONFIG", out var kubeconfig))
        {
            throw new InvalidOperationException($"unexpected output of hack/control-plane.sh up:\n{result.StandardOutput}");
        }

        return new LocalControlPlane(directory, kubeconfig);
    }

    private const int UpAttempts = 3;

    private static bool IsPortRace(ScriptResult result) =>
        result.StandardError.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
