using EcsOnK8s.Testing;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Harness;

/// <summary>
/// Starts a second control plane through the script while the collection's one runs: both answer on different
/// ports, and <c>down</c> leaves no process and no directory behind.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ControlPlaneLifecycleTests
{
    private readonly KubeFixture _fixture;

    public ControlPlaneLifecycleTests(KubeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Down_SecondFullControlPlaneWithNode_LeavesNoProcessOrDirectory()
    {
        if (_fixture.Backend != KubeBackend.Local)
        {
            return; // needs the local binaries
        }

        var second = await ControlPlaneScript.UpAsync(full: true, hollowNodes: 1);
        IReadOnlyDictionary<string, int> pids;
        try
        {
            pids = second.ReadProcessIds();
            Assert.Contains("etcd", pids.Keys);
            Assert.Contains("kube-apiserver", pids.Keys);
            Assert.Contains("kube-controller-manager", pids.Keys);
            Assert.Contains("kube-scheduler", pids.Keys);
            Assert.Contains("hollow-node-1", pids.Keys);
            Assert.All(pids.Values, pid => Assert.True(IsRunning(pid), $"pid {pid} is not running"));

            // Side by side: both API servers answer, on different ports.
            var secondConfig = KubernetesClientConfiguration.BuildConfigFromConfigFile(second.KubeconfigPath);
            Assert.NotEqual(_fixture.Config.Host, secondConfig.Host);
            using var secondClient = new Kubernetes(secondConfig);
            Assert.StartsWith("v1.20", (await secondClient.Version.GetCodeAsync()).GitVersion, StringComparison.Ordinal);
            Assert.StartsWith("v1.20", (await _fixture.Client.Version.GetCodeAsync()).GitVersion, StringComparison.Ordinal);
        }
        finally
        {
            await second.StopAsync();
        }

        Assert.False(Directory.Exists(second.Directory), $"{second.Directory} still exists");
        Assert.All(pids, p => Assert.False(IsRunning(p.Value), $"{p.Key} (pid {p.Value}) still runs"));
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), "hollow-kubelet.*"));
        Assert.StartsWith("v1.20", (await _fixture.Client.Version.GetCodeAsync()).GitVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void ControlPlane_LocalBackend_RunsFromATempDirWithKubeconfig()
    {
        if (_fixture.ControlPlane is not { } controlPlane)
        {
            return;
        }

        Assert.True(File.Exists(controlPlane.KubeconfigPath));
        Assert.Equal(controlPlane.KubeconfigPath, _fixture.KubeconfigPath);
        Assert.StartsWith("https://127.0.0.1:", _fixture.Config.Host, StringComparison.Ordinal);
        Assert.All(controlPlane.ReadProcessIds().Values, pid => Assert.True(IsRunning(pid)));
    }

    // A zombie is not running; /proc/<pid>/stat's third field is the state.
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
