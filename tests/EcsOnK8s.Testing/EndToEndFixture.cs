using EcsOnK8s.Testing.Common;
using k8s;

namespace EcsOnK8s.Testing;

/// <summary>
/// The control plane with kube-controller-manager, kube-scheduler and two hollow nodes (kubemark), ready once both
/// nodes are Ready. With the kubeconfig or k3s backend: ready once the existing cluster has a Ready node.
/// </summary>
public class EndToEndFixture : KubeFixture
{
    public const int NodeCount = 2;

    public EndToEndFixture()
        : base(fullControlPlane: true, hollowNodes: NodeCount)
    {
    }

    protected override Task OnStartedAsync(CancellationToken cancellationToken)
    {
        var wanted = Backend == KubeBackend.Local ? HollowNodes : 1;
        return Eventually.ValueAsync(
            async () => (await Client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items
                .Count(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true),
            ready => ready >= wanted,
            $"{wanted} Ready node(s)",
            StartTimeout,
            poll: TimeSpan.FromMilliseconds(250),
            describe: ready => $"{ready} Ready",
            cancellationToken: cancellationToken);
    }
}
