using EcsOnK8s.Translation.Workloads;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

public class CapacityProviderSplitTests
{
    [Theory]
    [InlineData(10, new[] { 2, 0 }, new[] { 1, 3 }, new[] { 4, 6 })] // 2 base, then 8 split 1:3 = 2:6
    [InlineData(2, new[] { 2, 0 }, new[] { 1, 3 }, new[] { 2, 0 })]
    [InlineData(1, new[] { 2, 0 }, new[] { 1, 3 }, new[] { 1, 0 })]
    [InlineData(5, new[] { 0, 0 }, new[] { 1, 1 }, new[] { 3, 2 })] // tie: the first listed gets the odd task
    [InlineData(7, new[] { 0, 0, 0 }, new[] { 1, 1, 1 }, new[] { 3, 2, 2 })]
    [InlineData(4, new[] { 0, 0 }, new[] { 0, 1 }, new[] { 0, 4 })]
    [InlineData(3, new[] { 1, 0 }, new[] { 0, 1 }, new[] { 1, 2 })]
    [InlineData(6, new[] { 0 }, new[] { 0 }, new[] { 6 })]
    [InlineData(0, new[] { 3, 0 }, new[] { 1, 1 }, new[] { 0, 0 })]
    public void Split_BaseThenWeight_EcsAlgorithm(int count, int[] bases, int[] weights, int[] expected)
    {
        var strategy = bases.Zip(weights).Select(p => (p.First, p.Second)).ToList();

        Assert.Equal(expected, CapacityProviderSplit.Split(count, strategy));
    }

    [Fact]
    public void Split_ManyCounts_SumsToCountAndFollowsWeights()
    {
        for (var count = 0; count < 200; count++)
        {
            var split = CapacityProviderSplit.Split(count, [(5, 2), (0, 3), (0, 5)]);

            Assert.Equal(count, split.Sum());
            var rest = Math.Max(0, count - 5);
            Assert.InRange(split[2] - (rest * 5 / 10), 0, 1);
            Assert.InRange(split[1] - (rest * 3 / 10), 0, 1);
        }
    }
}
