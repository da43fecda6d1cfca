namespace EcsOnK8s.Testing;

/// <summary>
/// A control plane of its own for the reliability suite (docs/reliability.md): kube-apiserver, etcd,
/// kube-controller-manager (its garbage collector removes the children of a deleted service, its Deployment and Job
/// controllers write what a cluster writes) and kube-scheduler, no nodes. Its own, because the suite restarts the API
/// server and fills its watch cache. <c>ECSONK8S_RELIABILITY=full</c> selects the full suite (every crash point, every
/// fuzz case); the short one runs in <c>make test</c>.
/// </summary>
public sealed class ReliabilityFixture : KubeFixture
{
    public ReliabilityFixture()
        : base(fullControlPlane: true, hollowNodes: 0)
    {
        Full = IsFull;
    }

    /// <summary>The full suite (<c>make reliability</c>), not the short one of <c>make test</c>.</summary>
    public bool Full { get; }

    /// <summary>What <see cref="Full"/> says, for test data chosen before the fixture exists.</summary>
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("ECSONK8S_RELIABILITY"), "full", StringComparison.OrdinalIgnoreCase);
}
