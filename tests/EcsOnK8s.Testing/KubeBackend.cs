namespace EcsOnK8s.Testing;

/// <summary>Where <see cref="KubeFixture"/> gets its cluster from (env <c>ECSONK8S_TEST_BACKEND</c>).</summary>
public enum KubeBackend
{
    /// <summary>A control plane started by <c>hack/control-plane.sh up</c> (the default).</summary>
    Local,

    /// <summary>An existing cluster named by <c>ECSONK8S_TEST_KUBECONFIG</c> or <c>KUBECONFIG</c>.</summary>
    Kubeconfig,

    /// <summary>k3s in a container through Testcontainers (needs a Docker engine).</summary>
    K3s,
}
