using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Tests.Support;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Apply;

public sealed class DesiredHashTests
{
    [Fact]
    public void Compute_PropertyOrderDiffers_SameHash()
    {
        var first = JsonNode.Parse("""{"a":1,"b":{"y":[1,2],"x":"s"}}""");
        var second = JsonNode.Parse("""{"b":{"x":"s","y":[1,2]},"a":1}""");

        Assert.Equal(DesiredHash.Compute(first), DesiredHash.Compute(second));
        Assert.Equal("""{"a":1,"b":{"x":"s","y":[1,2]}}""", DesiredHash.Canonical(second));
    }

    [Fact]
    public void Compute_ValueOrArrayOrderDiffers_DifferentHash()
    {
        var baseline = DesiredHash.Compute(JsonNode.Parse("""{"a":[1,2]}"""));

        Assert.NotEqual(baseline, DesiredHash.Compute(JsonNode.Parse("""{"a":[2,1]}""")));
        Assert.NotEqual(baseline, DesiredHash.Compute(JsonNode.Parse("""{"a":[1,3]}""")));
    }

    [Fact]
    public void Compute_Object_StableAcrossCalls()
    {
        var first = DesiredHash.Compute(Objects.ConfigMap("a", value: "1"));

        Assert.Equal(first, DesiredHash.Compute(Objects.ConfigMap("a", value: "1")));
        Assert.NotEqual(first, DesiredHash.Compute(Objects.ConfigMap("a", value: "2")));
        Assert.Equal(32, first.Length);
    }
}
