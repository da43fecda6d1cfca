using EcsOnK8s.Testing;
using Xunit;

namespace EcsOnK8s.IntegrationTests;

/// <summary>Tests sharing one kube-apiserver + etcd (no controllers, no nodes).</summary>
[CollectionDefinition(Name)]
public sealed class KubeCollection : ICollectionFixture<KubeFixture>
{
    public const string Name = "kube";
}
