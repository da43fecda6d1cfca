using EcsOnK8s.Testing;
using Xunit;

namespace EcsOnK8s.IntegrationTests;

/// <summary>Tests that count requests from the API server's side: a kube-apiserver of their own, with an audit log.</summary>
[CollectionDefinition(Name)]
public sealed class AuditedKubeCollection : ICollectionFixture<AuditedKubeFixture>
{
    public const string Name = "audited-kube";
}
