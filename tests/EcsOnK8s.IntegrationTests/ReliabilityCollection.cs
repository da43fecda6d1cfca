using EcsOnK8s.Testing;
using Xunit;

namespace EcsOnK8s.IntegrationTests;

/// <summary>The reliability suite's tests share one control plane of their own and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "reliability";
}
