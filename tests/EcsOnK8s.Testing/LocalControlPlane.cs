namespace EcsOnK8s.Testing;

/// <summary>A control plane started by <c>hack/control-plane.sh up</c>; disposing it runs <c>down</c>.</summary>
public sealed class LocalControlPlane : IAsyncDisposable
{
    private bool _stopped;

    public LocalControlPlane(string directory, string kubeconfigPath)
    {
        Directory = directory;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>The temp dir holding certificates, kubeconfigs, data, logs and the <c>pids</c> file.</summary>
    public string Directory { get; }

    public string KubeconfigPath { get; }

    public string LogDirectory => Path.Combine(Directory, "logs");

    /// <summary>The processes started by the script, by name (etcd, kube-apiserver, hollow-node-1, ...).</summary>
    public IReadOnlyDictionary<string, int> ReadProcessIds() =>
        File.ReadAllLines(Path.Combine(Directory, "pids"))
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1]), StringComparer.Ordinal);

    /// <summary>Stops the processes and removes the directory.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            return;
        }

        var result = await ControlPlaneScript.RunAsync(["down", Directory], cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"hack/control-plane.sh down {Directory} failed:\n{result.StandardError}");
        }

        _stopped = true;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
