using EcsOnK8s.EcsProtocol.Naming;
using EcsOnK8s.EcsProtocol.Shapes;
using k8s;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>One request's frame: the key's namespace, the client that impersonates its identity, names, shapes, time.</summary>
public sealed class EcsApiContext(IKubernetes kubernetes, EcsApiKey key, EcsShapes shapes, TimeProvider time, CancellationToken cancellationToken)
{
    public IKubernetes Kubernetes => kubernetes;

    public EcsApiKey Key => key;

    /// <summary>The key's namespace: every object read or written is in it.</summary>
    public string Namespace => key.Namespace;

    public EcsShapes Shapes => shapes;

    public EcsNames Names => shapes.Names;

    public TimeProvider Time => time;

    public CancellationToken CancellationToken => cancellationToken;

    public EcsObjects Objects { get; } = new(kubernetes, key.Namespace, cancellationToken);
}
