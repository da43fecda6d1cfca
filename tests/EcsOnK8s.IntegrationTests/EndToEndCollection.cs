using EcsOnK8s.Testing;
using Xunit;

namespace EcsOnK8s.IntegrationTests;

/// <summary>Tests sharing a full control plane with two Ready hollow nodes.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "e2e";
}
