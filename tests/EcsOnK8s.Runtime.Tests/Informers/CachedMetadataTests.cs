using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Informers;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Informers;

public sealed class CachedMetadataTests
{
    private const string Manager = "ecsonk8s-operator";

    private static List<V1ManagedFieldsEntry> Entries(string fields) =>
    [
        KubernetesJson.Deserialize<V1ManagedFieldsEntry>("{\"manager\":\"" + Manager + "\",\"operation\":\"Apply\",\"apiVersion\":\"apps/v1\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":" + fields + "}"),
        KubernetesJson.Deserialize<V1ManagedFieldsEntry>("""{"manager":"kube-controller-manager","operation":"Update","fieldsType":"FieldsV1","fieldsV1":{"f:status":{}}}"""),
    ];

    [Fact]
    public void Kept_SameFieldsInTwoObjects_OneCopyServesBoth()
    {
        // A field of a unique name, so that no other test's objects share the pool's entry.
        var fields = "{\"f:metadata\":{\"f:labels\":{\"f:" + Guid.NewGuid().ToString("N") + "\":{}}},\"f:spec\":{\"f:replicas\":{}}}";

        var first = Assert.Single(CachedMetadata.Kept(Entries(fields), Manager)!);
        var second = Assert.Single(CachedMetadata.Kept(Entries(fields), Manager)!);

        Assert.Same(first.FieldsV1, second.FieldsV1);
        Assert.Equal(fields, ((JsonElement)second.FieldsV1).GetRawText());
    }

    [Fact]
    public void Kept_DifferentFields_EachKeepsItsOwn()
    {
        var name = Guid.NewGuid().ToString("N");
        var a = "{\"f:metadata\":{\"f:labels\":{\"f:" + name + "\":{}}}}";
        var b = "{\"f:metadata\":{\"f:annotations\":{\"f:" + name + "\":{}}}}";

        var first = Assert.Single(CachedMetadata.Kept(Entries(a), Manager)!);
        var second = Assert.Single(CachedMetadata.Kept(Entries(b), Manager)!);

        Assert.NotSame(first.FieldsV1, second.FieldsV1);
        Assert.Equal(a, ((JsonElement)first.FieldsV1).GetRawText());
        Assert.Equal(b, ((JsonElement)second.FieldsV1).GetRawText());
    }

    [Fact]
    public void Kept_SharedEntry_FieldOwnershipReadsItAsBefore()
    {
        var label = Guid.NewGuid().ToString("N");
        var fields = "{\"f:metadata\":{\"f:labels\":{\"f:" + label + "\":{}}},\"f:spec\":{\"f:replicas\":{}}}";
        var applied = JsonNode.Parse("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"labels\":{\"" + label + "\":\"x\"}},\"spec\":{\"replicas\":2}}")!.AsObject();
        var edited = JsonNode.Parse("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"labels\":{\"" + label + "\":\"x\"}},\"spec\":{\"replicas\":2,\"paused\":true}}")!.AsObject();
        CachedMetadata.Kept(Entries(fields), Manager);

        var shared = CachedMetadata.Kept(Entries(fields), Manager);

        Assert.True(FieldOwnership.Covers(shared, Manager, applied));
        Assert.False(FieldOwnership.Covers(shared, Manager, edited));
    }
}
