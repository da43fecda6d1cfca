using System.Text.Json.Nodes;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Tests.Apply;
using k8s;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.Discovery;

/// <summary>
/// Discovery of the foreign controllers' kinds: each one's served version, checked in the group version's resource
/// list (a group version can be listed without the resource), and the change notice when what is installed changes.
/// </summary>
public sealed class ClusterCapabilitiesDiscoveryTests : IDisposable
{
    private readonly FakeApiServer _server = new();
    private readonly Kubernetes _kubernetes;
    private readonly ClusterCapabilitiesDiscovery _discovery;

    public ClusterCapabilitiesDiscoveryTests()
    {
        _kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://api.invalid" }, _server);
        _discovery = new ClusterCapabilitiesDiscovery(new KubernetesRestClient(_kubernetes));
        _server.Put("version", new JsonObject { ["major"] = "1", ["minor"] = "30", ["gitVersion"] = "v1.30.2" });
    }

    public void Dispose()
    {
        _discovery.Dispose();
        _kubernetes.Dispose();
    }

    /// <summary>Serves <paramref name="resources"/> (group version → resource names) and lists the group versions in /apis.</summary>
    private void Serve(params (string GroupVersion, string[] Resources)[] resources)
    {
        var groups = new JsonArray();
        foreach (var group in resources.GroupBy(r => r.GroupVersion.Split('/')[0]))
        {
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = new JsonArray([.. group.Select(g => (JsonNode)new JsonObject { ["groupVersion"] = g.GroupVersion })]),
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = group.First().GroupVersion },
            });
        }

        _server.Put("apis", new JsonObject { ["groups"] = groups });
        foreach (var (groupVersion, names) in resources)
        {
            _server.Put($"apis/{groupVersion}", new JsonObject
            {
                ["resources"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["kind"] = n, ["namespaced"] = true })]),
            });
        }
    }

    private static readonly (string, string[])[] Everything =
    [
        ("autoscaling/v2", ["horizontalpodautoscalers"]),
        ("keda.sh/v1alpha1", ["scaledobjects", "scaledjobs", "triggerauthentications", "clustertriggerauthentications"]),
        ("elbv2.k8s.aws/v1beta1", ["targetgroupbindings", "ingressclassparams"]),
        ("gateway.networking.k8s.io/v1", ["gateways", "gatewayclasses", "httproutes"]),
        ("gateway.networking.k8s.io/v1beta1", ["gateways", "httproutes"]),
        ("external-secrets.io/v1", ["externalsecrets", "secretstores"]),
        ("external-secrets.io/v1beta1", ["externalsecrets", "secretstores"]),
    ];

    public static TheoryData<string, (string, string[])[], string?, string?, string?, string?> Installs => new()
    {
        { "nothing installed", [("autoscaling/v2", ["horizontalpodautoscalers"])], null, null, null, null },
        { "everything, newest versions", Everything, "keda.sh/v1alpha1", "elbv2.k8s.aws/v1beta1", "gateway.networking.k8s.io/v1", "external-secrets.io/v1" },
        {
            "older releases: gateway v1 lists no httproutes, external secrets only v1beta1",
            [
                ("gateway.networking.k8s.io/v1", ["gateways", "gatewayclasses"]),
                ("gateway.networking.k8s.io/v1beta1", ["gateways", "httproutes"]),
                ("external-secrets.io/v1beta1", ["externalsecrets"]),
            ],
            null, null, "gateway.networking.k8s.io/v1beta1", "external-secrets.io/v1beta1"
        },
        {
            "keda half installed: scaledobjects without triggerauthentications",
            [("keda.sh/v1alpha1", ["scaledobjects"]), ("elbv2.k8s.aws/v1beta1", ["ingressclassparams"])],
            null, null, null, null
        },
    };

    [Theory]
    [MemberData(nameof(Installs))]
    public async Task RefreshAsync_ForeignCrds_TheServedVersionOfEachKind(
        string name, (string, string[])[] served, string? keda, string? targetGroupBinding, string? httpRoute, string? externalSecret)
    {
        Serve(served);

        var capabilities = await _discovery.RefreshAsync(CancellationToken.None);

        Assert.Equal(
            (keda, targetGroupBinding, httpRoute, externalSecret),
            (capabilities.KedaApiVersion, capabilities.TargetGroupBindingApiVersion, capabilities.HttpRouteApiVersion, capabilities.ExternalSecretApiVersion));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public async Task RefreshAsync_WhatIsInstalledChanges_IntegrationsChangedOncePerChange()
    {
        var notices = new List<DiscoveredCapabilities>();
        _discovery.IntegrationsChanged += notices.Add;
        Serve(Everything);

        await _discovery.RefreshAsync(CancellationToken.None);
        await _discovery.RefreshAsync(CancellationToken.None);
        Assert.Empty(notices);

        Serve([.. Everything.Where(g => !g.Item1.StartsWith("keda.sh/", StringComparison.Ordinal))]);
        await _discovery.RefreshAsync(CancellationToken.None);
        await _discovery.RefreshAsync(CancellationToken.None);

        var notice = Assert.Single(notices);
        Assert.Null(notice.KedaApiVersion);
        Assert.Equal("gateway.networking.k8s.io/v1", notice.HttpRouteApiVersion);

        Serve(Everything);
        await _discovery.RefreshAsync(CancellationToken.None);
        Assert.Equal(["keda.sh/v1alpha1"], notices.Skip(1).Select(n => n.KedaApiVersion));
    }

    [Fact]
    public async Task RefreshAsync_ServerFailsAfterADiscovery_LastCapabilitiesKeptAndNoNotice()
    {
        var notices = 0;
        _discovery.IntegrationsChanged += _ => notices++;
        Serve(Everything);
        await _discovery.RefreshAsync(CancellationToken.None);

        _server.Put("apis", new JsonObject { ["groups"] = "not a list" });
        var kept = await _discovery.RefreshAsync(CancellationToken.None);

        Assert.Equal("keda.sh/v1alpha1", kept.KedaApiVersion);
        Assert.Equal(0, notices);
    }
}
