using EcsOnK8s.EcsProtocol.Protocol;
using EcsOnK8s.Operator.EcsApiServer;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.EcsApiServer;

public sealed class EcsApiOperationsTests
{
    [Fact]
    public void Operations_ServedAndModelled_TheSameList() =>
        Assert.Equal(EcsModel.Instance.Operations.Order(StringComparer.Ordinal), EcsApiOperations.Names.Order(StringComparer.Ordinal));

    [Fact]
    public void Docs_EveryOperation_HasARow()
    {
        var docs = File.ReadAllText(RepositoryRoot.Combine("docs", "ecs-api.md"));
        Assert.All(EcsApiOperations.Names, operation => Assert.Contains($"| {operation}", docs, StringComparison.Ordinal));
    }
}
