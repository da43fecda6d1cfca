using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Apply;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Apply;

public sealed class FieldOwnershipTests
{
    private const string Manager = "ecsonk8s-operator";

    // What the operator applied: a Deployment-like object with a keyed list (containers by name, ports by
    // containerPort with the protocol left to the server's default), an atomic list (args), a set (finalizers) and
    // a quantity the server normalises.
    private const string Applied = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","labels":{"app":"web"},"annotations":{"ecsonk8s.io/desired-hash":"h1"},
                     "finalizers":["example.com/keep"],
                     "ownerReferences":[{"apiVersion":"ecsonk8s.io/v1alpha1","kind":"EcsService","name":"web","uid":"u1","controller":true}]},
         "spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx","args":["-g","daemon off;"],
                 "resources":{"limits":{"cpu":"0.5"}},"ports":[{"containerPort":80}]}]}}}}
        """;

    private const string AllOwned = """
        {"f:metadata":{"f:labels":{"f:app":{}},"f:annotations":{"f:ecsonk8s.io/desired-hash":{}},"f:finalizers":{"v:\"example.com/keep\"":{}},
                       "f:ownerReferences":{"k:{\"uid\":\"u1\"}":{".":{},"f:apiVersion":{},"f:kind":{},"f:name":{},"f:uid":{},"f:controller":{}}}},
         "f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:name":{},"f:image":{},"f:args":{},
                   "f:resources":{"f:limits":{"f:cpu":{}}},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}
        """;

    public static TheoryData<string, string, bool?> Cases => new()
    {
        { "every applied field owned (values and defaults not compared)", AllOwned, true },
        { "image changed by kubectl edit: left the operator's entry", AllOwned.Replace("\"f:image\":{},", string.Empty, StringComparison.Ordinal), false },
        { "label removed", AllOwned.Replace("\"f:labels\":{\"f:app\":{}},", string.Empty, StringComparison.Ordinal), false },
        { "container renamed: no element with its key", AllOwned.Replace("k:{\\\"name\\\":\\\"app\\\"}", "k:{\\\"name\\\":\\\"other\\\"}", StringComparison.Ordinal), false },
        { "port element gone", AllOwned.Replace("k:{\\\"containerPort\\\":80,", "k:{\\\"containerPort\\\":81,", StringComparison.Ordinal), false },
        { "finalizer of the set gone", AllOwned.Replace("\"v:\\\"example.com/keep\\\"\":{}", "\"v:\\\"example.com/other\\\"\":{}", StringComparison.Ordinal), false },
        { "owner reference of another uid", AllOwned.Replace("k:{\\\"uid\\\":\\\"u1\\\"}", "k:{\\\"uid\\\":\\\"u2\\\"}", StringComparison.Ordinal), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Covers_ApplyEntry_TellsWhetherEveryAppliedFieldIsStillOwned(string because, string fieldsV1, bool? expected)
    {
        var managed = new List<V1ManagedFieldsEntry> { Entry(Manager, "Apply", fieldsV1) };

        Assert.True(expected == FieldOwnership.Covers(managed, Manager, Parse(Applied)), because);
    }

    [Fact]
    public void Covers_OtherManagersWriteStatusAndUnappliedFields_StillCovered()
    {
        var managed = new List<V1ManagedFieldsEntry>
        {
            Entry(Manager, "Apply", AllOwned),
            Entry("kube-controller-manager", "Update", """{"f:metadata":{"f:annotations":{"f:deployment.kubernetes.io/revision":{}}},"f:spec":{"f:replicas":{}},"f:status":{"f:replicas":{}}}"""),
        };

        Assert.True(FieldOwnership.Covers(managed, Manager, Parse(Applied)));
    }

    [Fact]
    public void Covers_NoManagedFields_CannotTell()
    {
        Assert.Null(FieldOwnership.Covers(null, Manager, Parse(Applied)));
        Assert.Null(FieldOwnership.Covers([], Manager, Parse(Applied)));
    }

    [Fact]
    public void Covers_OnlyAnUpdateEntryOfTheManager_NotCovered()
    {
        var managed = new List<V1ManagedFieldsEntry> { Entry(Manager, "Update", AllOwned), Entry("kubectl-edit", "Update", "{}") };

        Assert.False(FieldOwnership.Covers(managed, Manager, Parse(Applied)));
    }

    [Fact]
    public void Covers_AtomicStructOwnedAsOneField_Covered()
    {
        var applied = Parse("""{"metadata":{"name":"x"},"spec":{"selector":{"matchLabels":{"app":"x"}}}}""");
        var managed = new List<V1ManagedFieldsEntry> { Entry(Manager, "Apply", """{"f:spec":{"f:selector":{}}}""") };

        Assert.True(FieldOwnership.Covers(managed, Manager, applied));
    }

    [Fact]
    public void Covers_AtomicListOwnedAsOneField_Covered()
    {
        var applied = Parse("""{"metadata":{"name":"x"},"spec":{"args":["a","b"]}}""");
        var managed = new List<V1ManagedFieldsEntry> { Entry(Manager, "Apply", """{"f:spec":{"f:args":{}}}""") };

        Assert.True(FieldOwnership.Covers(managed, Manager, applied));
    }

    private static V1ManagedFieldsEntry Entry(string manager, string operation, string fieldsV1) => new()
    {
        Manager = manager,
        Operation = operation,
        ApiVersion = "apps/v1",
        FieldsType = "FieldsV1",
        FieldsV1 = JsonDocument.Parse(fieldsV1).RootElement.Clone(),
    };

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
