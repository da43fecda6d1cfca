using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Apply;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Apply;

public class DriftDetectorTests
{
    private const string Desired = """
        {"spec":{"replicas":2,"template":{"spec":{"containers":[
          {"name":"app","image":"nginx:1.27","resources":{"limits":{"memory":"1024Mi"},"requests":{"cpu":"0.25"}},"args":[]}]}}}}
        """;

    private static bool Covers(string live, string desired = Desired) => DriftDetector.Covers(JsonNode.Parse(live), JsonNode.Parse(desired));

    [Fact]
    public void Covers_LiveWithServerDefaultsAndCanonicalQuantities_True()
    {
        Assert.True(Covers("""
            {"spec":{"replicas":2,"progressDeadlineSeconds":600,"template":{"spec":{"dnsPolicy":"ClusterFirst","containers":[
              {"name":"app","image":"nginx:1.27","imagePullPolicy":"IfNotPresent","resources":{"limits":{"memory":"1Gi"},"requests":{"cpu":"250m"}}}]}}},
             "status":{"replicas":2}}
            """));
    }

    [Fact]
    public void Covers_ImageEditedByHand_False()
    {
        Assert.False(Covers("""
            {"spec":{"replicas":2,"template":{"spec":{"containers":[
              {"name":"app","image":"evil:latest","resources":{"limits":{"memory":"1Gi"},"requests":{"cpu":"250m"}}}]}}}}
            """));
    }

    [Fact]
    public void Covers_ReplicasChanged_False()
    {
        Assert.False(Covers("""{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.27","resources":{"limits":{"memory":"1Gi"},"requests":{"cpu":"250m"}}}]}}}}"""));
    }

    [Fact]
    public void Covers_ContainerAddedBySomeoneElse_TrueButRemovedContainer_False()
    {
        Assert.True(Covers("""
            {"spec":{"replicas":2,"template":{"spec":{"containers":[
              {"name":"injected-sidecar","image":"proxy"},
              {"name":"app","image":"nginx:1.27","resources":{"limits":{"memory":"1Gi"},"requests":{"cpu":"250m"}}}]}}}}
            """));
        Assert.False(Covers("""{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"other","image":"nginx:1.27"}]}}}}"""));
    }

    [Fact]
    public void Covers_LabelRemoved_False()
    {
        Assert.False(DriftDetector.Covers(
            JsonNode.Parse("""{"metadata":{"labels":{"a":"1"}}}"""),
            JsonNode.Parse("""{"metadata":{"labels":{"a":"1","b":"2"}}}""")));
    }
}
