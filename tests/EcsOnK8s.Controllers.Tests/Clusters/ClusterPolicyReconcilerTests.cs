using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Clusters;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Clusters;

public class ClusterPolicyReconcilerTests
{
    private static readonly ObjectKey PolicyKey = new(string.Empty, "bound");

    [Fact]
    public async Task ReconcileAsync_ValidPolicy_AcceptedWithTheClustersItBounds()
    {
        await using var world = await ReconcilerWorld.StartAsync(
            Policy("""{"namespaces": ["shop"], "allow": {"allowHostNetwork": true}}"""),
            Seeds.Cluster("prod"), Seeds.Cluster("a"), Elsewhere("other", "c"));

        var result = await Reconciler(world).ReconcileAsync(PolicyKey, CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var status = world.Writer.LastStatus<EcsClusterPolicyStatus>();
        Assert.Equal(3, status.ObservedGeneration);
        Assert.Equal(2, status.ClustersCount);
        Assert.Equal(["shop/a", "shop/prod"], status.Clusters);
        var ready = Conditions.Find(status.Conditions, ConditionTypes.Ready);
        Assert.Equal(("True", ConditionReasons.Accepted, 3L), (ready?.Status, ready?.Reason, ready?.ObservedGeneration));
        Assert.Equal("Accepted; it bounds 2 EcsClusters.", ready?.Message);
    }

    [Fact]
    public async Task ReconcileAsync_StatusAlreadyWritten_WritesNothingLater()
    {
        var policy = Policy("""{"namespaceSelector": {"matchLabels": {"tenant": "shop"}}}""");
        object[] world0 = [policy, Seeds.Cluster("prod"), Namespace("shop", "tenant", "shop")];
        await using (var first = await ReconcilerWorld.StartAsync(world0))
        {
            await Reconciler(first).ReconcileAsync(PolicyKey, CancellationToken.None);
            policy.Status = first.Writer.LastStatus<EcsClusterPolicyStatus>();
        }

        await using var world = await ReconcilerWorld.StartAsync(world0);
        world.Time.Advance(TimeSpan.FromHours(1));

        await Reconciler(world).ReconcileAsync(PolicyKey, CancellationToken.None);

        Assert.Equal(1, policy.Status.ClustersCount);
        Assert.Empty(world.Writer.Statuses);
    }

    public static TheoryData<string, string> InvalidPolicies => new()
    {
        { """{"namespaces": ["Team_A"]}""", "spec.namespaces[0]" },
        { """{"namespaces": ["shop", ""]}""", "spec.namespaces[1]" },
        { """{"namespaceSelector": {"matchExpressions": [{"key": "tier", "operator": "In"}]}}""", "spec.namespaceSelector.matchExpressions[0].values" },
        { """{"namespaceSelector": {"matchExpressions": [{"key": "tier", "operator": "Exists", "values": ["x"]}]}}""", "spec.namespaceSelector.matchExpressions[0].values" },
        { """{"namespaceSelector": {"matchExpressions": [{"key": "tier", "operator": "Gt", "values": ["1"]}]}}""", "spec.namespaceSelector.matchExpressions[0].operator" },
        { """{"namespaceSelector": {"matchExpressions": [{"key": "bad key!", "operator": "Exists"}]}}""", "spec.namespaceSelector.matchExpressions[0].key" },
        { """{"namespaceSelector": {"matchLabels": {"tier": "not a value"}}}""", "spec.namespaceSelector.matchLabels[tier]" },
        { """{"namespaces": ["shop"], "allow": {"allowedCapabilities": ["net admin"]}}""", "spec.allow.allowedCapabilities[0]" },
        { """{"namespaces": ["shop"], "allow": {"allowedUnsafeSysctls": ["kernel.msgmax", "Kernel!"]}}""", "spec.allow.allowedUnsafeSysctls[1]" },
        { """{"namespaces": ["shop"], "podSecurity": "privileged"}""", "spec.podSecurity" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public async Task ReconcileAsync_InvalidPolicy_RefusedNamingTheFieldAndGrantsNothing(string spec, string field)
    {
        var policy = Policy(spec);
        policy.Spec.Allow ??= new ClusterPolicy();
        policy.Spec.Allow.AllowPrivileged = true;
        await using var world = await ReconcilerWorld.StartAsync(policy, Seeds.Cluster("prod"));

        await Reconciler(world).ReconcileAsync(PolicyKey, CancellationToken.None);

        var status = world.Writer.LastStatus<EcsClusterPolicyStatus>();
        var ready = Conditions.Find(status.Conditions, ConditionTypes.Ready);
        Assert.Equal(("False", ConditionReasons.InvalidSpec), (ready?.Status, ready?.Reason));
        Assert.Contains(field + ":", ready?.Message, StringComparison.Ordinal);
        Assert.Equal(0, status.ClustersCount);
        Assert.Null(PolicyBoundResolver.BoundFor(world.Informers, Seeds.Namespace).AllowPrivileged);
    }

    [Fact]
    public async Task ReconcileAsync_ManyClusters_CountsAllListsTheFirst20()
    {
        var clusters = Enumerable.Range(0, 25).Select(i => (object)Seeds.Cluster($"c{i:D2}"));
        await using var world = await ReconcilerWorld.StartAsync([Policy("""{"namespaces": ["*"]}"""), .. clusters]);

        await Reconciler(world).ReconcileAsync(PolicyKey, CancellationToken.None);

        var status = world.Writer.LastStatus<EcsClusterPolicyStatus>();
        Assert.Equal(25, status.ClustersCount);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"shop/c{i:D2}"), status.Clusters);
    }

    [Fact]
    public async Task ReconcileAsync_SelectsNothing_AcceptedAndSaysSo()
    {
        await using var world = await ReconcilerWorld.StartAsync(Policy("{}"), Seeds.Cluster("prod"));

        await Reconciler(world).ReconcileAsync(PolicyKey, CancellationToken.None);

        var status = world.Writer.LastStatus<EcsClusterPolicyStatus>();
        Assert.Equal(0, status.ClustersCount);
        Assert.Null(status.Clusters);
        Assert.Contains("selects no namespace", Conditions.Find(status.Conditions, ConditionTypes.Ready)?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_Absent_WritesNothing()
    {
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster("prod"));

        await Reconciler(world).ReconcileAsync(PolicyKey, CancellationToken.None);

        Assert.Empty(world.Writer.Statuses);
    }

    private static ClusterPolicyReconciler Reconciler(ReconcilerWorld world) => new(world.Informers, world.Writer, world.Time);

    private static EcsClusterPolicy Policy(string spec) => KubernetesJson.Deserialize<EcsClusterPolicy>($$"""
        {"apiVersion": "{{EcsApi.ApiVersion}}", "kind": "EcsClusterPolicy",
         "metadata": {"name": "bound", "uid": "uid-policy", "generation": 3}, "spec": {{spec}}}
        """);

    private static EcsCluster Elsewhere(string ns, string name)
    {
        var cluster = Seeds.Cluster(name);
        cluster.Metadata.NamespaceProperty = ns;
        return cluster;
    }

    private static V1Namespace Namespace(string name, string label, string value) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [label] = value } } };
}
