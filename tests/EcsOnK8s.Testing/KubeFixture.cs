using System.Security.Cryptography;
using DotNet.Testcontainers.Builders;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Testcontainers.K3s;
using Xunit;

namespace EcsOnK8s.Testing;

/// <summary>
/// A Kubernetes cluster for a test collection: by default a local kube-apiserver + etcd started by
/// <c>hack/control-plane.sh</c> (see docs/control-plane.md). Installs every <c>crds/*.yaml</c> of the repository.
/// Env <c>ECSONK8S_TEST_BACKEND</c>: <c>local</c> (default), <c>kubeconfig</c>
/// (<c>ECSONK8S_TEST_KUBECONFIG</c> or <c>KUBECONFIG</c>), <c>k3s</c> (Testcontainers, needs Docker).
/// </summary>
public class KubeFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly bool _fullControlPlane;
    private readonly int _hollowNodes;
    private readonly string? _auditPolicy;
    private readonly List<string> _namespaces = [];
    private LocalControlPlane? _controlPlane;
    private K3sContainer? _k3s;
    private Kubernetes? _client;
    private string? _temporaryKubeconfig;

    public KubeFixture()
        : this(fullControlPlane: false, hollowNodes: 0)
    {
    }

    /// <param name="fullControlPlane">Also run kube-controller-manager and kube-scheduler (local backend).</param>
    /// <param name="hollowNodes">How many kubemark hollow nodes to run (local backend).</param>
    protected KubeFixture(bool fullControlPlane, int hollowNodes)
        : this(fullControlPlane, hollowNodes, auditPolicy: null)
    {
    }

    /// <param name="fullControlPlane">Also run kube-controller-manager and kube-scheduler (local backend).</param>
    /// <param name="hollowNodes">How many kubemark hollow nodes to run (local backend).</param>
    /// <param name="auditPolicy">A kube-apiserver audit policy (YAML) to start with (local backend); none when null.</param>
    protected KubeFixture(bool fullControlPlane, int hollowNodes, string? auditPolicy)
    {
        _fullControlPlane = fullControlPlane || hollowNodes > 0;
        _hollowNodes = hollowNodes;
        _auditPolicy = auditPolicy;
        Backend = ParseBackend(Environment.GetEnvironmentVariable("ECSONK8S_TEST_BACKEND"));
    }

    public KubeBackend Backend { get; }

    public IKubernetes Client => _client ?? throw new InvalidOperationException("the fixture is not initialized");

    public KubernetesClientConfiguration Config { get; private set; } = null!;

    public string KubeconfigPath { get; private set; } = string.Empty;

    /// <summary>The local control plane (its dir, logs and pids); null for the other backends.</summary>
    public LocalControlPlane? ControlPlane => _controlPlane;

    /// <summary>How many hollow nodes this fixture asked for (local backend).</summary>
    protected int HollowNodes => _hollowNodes;

    /// <summary>How long starting the fixture may take, from the control plane to <see cref="OnStartedAsync"/>.</summary>
    protected static TimeSpan StartTimeout { get; } = TimeSpan.FromMinutes(5);

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        KubeconfigPath = Backend switch
        {
            KubeBackend.Local => await StartLocalAsync(timeout.Token),
            KubeBackend.Kubeconfig => FindKubeconfig(),
            KubeBackend.K3s => await StartK3sAsync(timeout.Token),
            _ => throw new InvalidOperationException($"unknown backend {Backend}"),
        };
        Config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        _client = new Kubernetes(Config);

        if (InstallsCrds)
        {
            var crdDirectory = RepositoryRoot.Combine("crds");
            foreach (var crd in await CustomResourceDefinitions.LoadDirectoryAsync(crdDirectory))
            {
                await CustomResourceDefinitions.InstallAsync(Client, crd, timeout.Token);
            }
        }

        await OnStartedAsync(timeout.Token);
    }

    /// <summary>Whether the fixture installs <c>crds/*.yaml</c> at start; false for tests that install them their own way.</summary>
    protected virtual bool InstallsCrds => true;

    /// <summary>Admission plugins kube-apiserver runs besides NodeRestriction (local backend).</summary>
    protected virtual IReadOnlyList<string> AdmissionPlugins => [];

    /// <summary>Runs after the cluster answers and the CRDs are installed.</summary>
    protected virtual Task OnStartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates a namespace with a unique name starting with <paramref name="prefix"/>.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var clean = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (clean.Length > 50)
        {
            clean = clean[..50].TrimEnd('-');
        }

        var name = $"{(clean.Length == 0 ? "test" : clean)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        lock (_namespaces)
        {
            _namespaces.Add(name);
        }

        return name;
    }

    public async Task DisposeAsync()
    {
        if (_controlPlane is null && _client is not null)
        {
            // A shared cluster: leave it as it was found.
            foreach (var name in _namespaces)
            {
                try
                {
                    await _client.CoreV1.DeleteNamespaceAsync(name);
                }
                catch (k8s.Autorest.HttpOperationException)
                {
                    // already gone
                }
            }
        }

        _client?.Dispose();
        _client = null;
        if (_controlPlane is not null)
        {
            await _controlPlane.StopAsync();
            _controlPlane = null;
        }

        if (_k3s is not null)
        {
            await _k3s.DisposeAsync();
            _k3s = null;
        }

        if (_temporaryKubeconfig is not null)
        {
            File.Delete(_temporaryKubeconfig);
            _temporaryKubeconfig = null;
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static KubeBackend ParseBackend(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "local" => KubeBackend.Local,
        "kubeconfig" => KubeBackend.Kubeconfig,
        "k3s" => KubeBackend.K3s,
        _ => throw new InvalidOperationException($"ECSONK8S_TEST_BACKEND={value}: expected local, kubeconfig or k3s"),
    };

    private async Task<string> StartLocalAsync(CancellationToken cancellationToken)
    {
        if (_auditPolicy is null)
        {
            _controlPlane = await ControlPlaneScript.UpAsync(_fullControlPlane, _hollowNodes, auditPolicyFile: null, AdmissionPlugins, cancellationToken);
            return _controlPlane.KubeconfigPath;
        }

        // The script copies the policy into the control plane's dir.
        var policy = Path.Combine(Path.GetTempPath(), $"ecsonk8s-audit-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(policy, _auditPolicy, cancellationToken);
        try
        {
            _controlPlane = await ControlPlaneScript.UpAsync(_fullControlPlane, _hollowNodes, policy, AdmissionPlugins, cancellationToken);
        }
        finally
        {
            File.Delete(policy);
        }

        return _controlPlane.KubeconfigPath;
    }

    private static string FindKubeconfig()
    {
        var path = Environment.GetEnvironmentVariable("ECSONK8S_TEST_KUBECONFIG");
        if (string.IsNullOrEmpty(path))
        {
            path = Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator)[0];
        }

        if (string.IsNullOrEmpty(path))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        }

        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"ECSONK8S_TEST_BACKEND=kubeconfig but {path} does not exist; set ECSONK8S_TEST_KUBECONFIG");
    }

    private async Task<string> StartK3sAsync(CancellationToken cancellationToken)
    {
        var image = Environment.GetEnvironmentVariable("ECSONK8S_K3S_IMAGE") ?? "rancher/k3s:v1.31.4-k3s1";
        try
        {
            _k3s = new K3sBuilder(image).Build();
            await _k3s.StartAsync(cancellationToken);
        }
        catch (DockerUnavailableException e)
        {
            throw new InvalidOperationException(
                "k3s backend needs a Docker engine; use ECSONK8S_TEST_BACKEND=local (the default) or kubeconfig", e);
        }

        _temporaryKubeconfig = Path.Combine(Path.GetTempPath(), $"ecsonk8s-k3s-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(_temporaryKubeconfig, await _k3s.GetKubeconfigAsync(), cancellationToken);
        return _temporaryKubeconfig;
    }
}
