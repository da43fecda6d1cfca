using Xunit;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>The install tests: one control plane of their own, run one after the other (they share the CRDs).</summary>
[CollectionDefinition(Name)]
public sealed class InstallCollection : ICollectionFixture<InstallFixture>
{
    public const string Name = "install";
}
