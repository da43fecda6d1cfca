using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads.Routing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Workloads;

/// <summary>What receives a target group's traffic: TargetGroupBinding, else HTTPRoute, else Ingress, else the report says nothing does.</summary>
public class LoadBalancerRoutingTests
{
    private const string Arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-tg/73e2d6bc24d8a067";
    private const string Path = "service.loadBalancers[0].targetGroupArn";
    private static readonly ClusterCapabilities Tgb = ClusterCapabilities.Kubernetes130 with { TargetGroupBindingApiVersion = "elbv2.k8s.aws/v1beta1" };
    private static readonly ClusterCapabilities Gateway = ClusterCapabilities.Kubernetes130 with { HttpRouteApiVersion = "gateway.networking.k8s.io/v1" };
    private static readonly ClusterIngress GatewayAndClass = new() { Gateway = new GatewayReference { Name = "public", Namespace = "infra", SectionName = "https" }, IngressClassName = "nginx" };
    private static readonly ClusterIngress ClassOnly = new() { IngressClassName = "nginx" };

    private static RenderResult Render(ClusterCapabilities capabilities, ClusterIngress? ingress, string protocol = "tcp", params string[] arns) =>
        Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition("web", 1, new EcsTaskDefinitionSpec
            {
                Family = "web",
                NetworkMode = "awsvpc",
                ContainerDefinitions =
                [
                    new ContainerDefinition
                    {
                        Name = "app",
                        Image = "nginx:1.27",
                        Memory = 512,
                        PortMappings = [new PortMapping { ContainerPort = 8080, Name = "http", Protocol = protocol }, new PortMapping { ContainerPort = 9090, Protocol = protocol }],
                    },
                ],
            }),
            Service = new EcsService
            {
                Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
                Spec = new EcsServiceSpec
                {
                    DesiredCount = 2,
                    HealthCheckGracePeriodSeconds = 30,
                    LoadBalancers = [.. (arns.Length == 0 ? [Arn] : arns).Select((arn, i) => new LoadBalancer { ContainerName = "app", ContainerPort = i == 0 ? 8080 : 9090, TargetGroupArn = arn })],
                },
            },
            Capabilities = capabilities,
            Cluster = new EcsCluster { Metadata = new V1ObjectMeta { Name = "default" }, Spec = new EcsClusterSpec { Ingress = ingress } },
        });

    private static List<string> Kinds(RenderResult result) =>
        [.. result.Objects.Where(o => o.Kind is TargetGroupBinding.KubeKind or HttpRoute.KubeKind or "Ingress").Select(o => $"{o.Kind} {o.Metadata.Name}")];

    public static TheoryData<string, string, string[], Disposition, string> Cases => new()
    {
        // capabilities (tgb, gateway, none), ingress (both, class, none) -> rendered kinds, disposition, report wording
        { "tgb", "both", ["TargetGroupBinding web-web-tg"], Disposition.Mapped, "TargetGroupBinding web-web-tg (elbv2.k8s.aws/v1beta1): the AWS Load Balancer Controller registers the pods' IPs behind Service 'web' port 8080 in target group web-tg (target type ip)" },
        { "tgb", "none", ["TargetGroupBinding web-web-tg"], Disposition.Mapped, "TargetGroupBinding web-web-tg" },
        { "gateway", "both", ["HTTPRoute web-web-tg"], Disposition.Approximated, "HTTPRoute web-web-tg (gateway.networking.k8s.io/v1) attaches Service 'web' port 8080 to Gateway infra/public listener https: the Gateway receives the traffic, not target group web-tg" },
        { "none", "both", ["Ingress web-web-tg"], Disposition.Approximated, "is not installed; the EcsCluster names Gateway public but Gateway API's HTTPRoute is not served" },
        { "gateway", "class", ["Ingress web-web-tg"], Disposition.Approximated, "Ingress web-web-tg (class nginx) routes every host and path (prefix /) to Service 'web' port 8080: the ingress controller receives the traffic, not target group web-tg" },
        { "none", "class", ["Ingress web-web-tg"], Disposition.Approximated, "Ingress web-web-tg (class nginx)" },
        { "gateway", "none", [], Disposition.Approximated, "nothing receives outside traffic for target group web-tg: the AWS Load Balancer Controller (TargetGroupBinding) is not installed and the EcsCluster names no spec.ingress.gateway or spec.ingress.ingressClassName; Service 'web' port 8080 is reachable inside the cluster only" },
        { "none", "none", [], Disposition.Approximated, "nothing receives outside traffic for target group web-tg" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_TargetGroup_FirstAvailableReceiverAndReport(string capabilities, string ingress, string[] expected, Disposition disposition, string wording)
    {
        var result = Render(
            capabilities switch { "tgb" => Tgb with { HttpRouteApiVersion = Gateway.HttpRouteApiVersion }, "gateway" => Gateway, _ => ClusterCapabilities.Kubernetes130 },
            ingress switch { "both" => GatewayAndClass, "class" => ClassOnly, _ => null });

        Assert.False(result.Rejected, string.Join("; ", result.Report.Rejections.Select(r => r.Reason)));
        Assert.Equal(expected, Kinds(result));
        var entry = result.Report.Entries.Single(e => e.Path == Path);
        Assert.Equal(disposition, entry.Disposition);
        Assert.Contains(wording, entry.Reason, StringComparison.Ordinal);
        // The Service stays whatever receives the traffic, and the grace period keeps its meaning.
        Assert.Single(result.Objects.OfType<V1Service>());
        Assert.Contains(result.Report.Entries, e => e.Path == "service.healthCheckGracePeriodSeconds");
    }

    [Fact]
    public void Render_TargetGroupBinding_IpTargetsOnTheServicePort()
    {
        var tgb = Assert.Single(Render(Tgb, null).Objects.OfType<TargetGroupBinding>());

        Assert.Equal(("elbv2.k8s.aws/v1beta1", "shop", Arn, "ip"), (tgb.ApiVersion, tgb.Metadata.NamespaceProperty, tgb.Spec.TargetGroupArn, tgb.Spec.TargetType));
        Assert.Equal(("web", "8080"), (tgb.Spec.ServiceRef.Name, tgb.Spec.ServiceRef.Port?.Value));
        Assert.Equal("ecsonk8s", tgb.Metadata.Labels["app.kubernetes.io/managed-by"]);
        var json = KubernetesJson.Serialize(tgb);
        Assert.Contains("\"targetGroupARN\":", json, StringComparison.Ordinal);
        Assert.Contains("\"port\":8080", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway.networking.k8s.io/v1")]
    [InlineData("gateway.networking.k8s.io/v1beta1")]
    public void Render_HttpRoute_ServedVersionParentAndBackend(string apiVersion)
    {
        var route = Assert.Single(Render(ClusterCapabilities.Kubernetes130 with { HttpRouteApiVersion = apiVersion }, GatewayAndClass).Objects.OfType<HttpRoute>());

        Assert.Equal(apiVersion, route.ApiVersion);
        var parent = Assert.Single(route.Spec.ParentRefs);
        Assert.Equal(("public", "infra", "https"), (parent.Name, parent.Namespace, parent.SectionName));
        var backend = Assert.Single(Assert.Single(route.Spec.Rules).BackendRefs);
        Assert.Equal(("web", 8080), (backend.Name, backend.Port));
    }

    [Fact]
    public void Render_GatewayWithoutNamespace_RouteNamesNoNamespace()
    {
        var route = Assert.Single(Render(Gateway, new ClusterIngress { Gateway = new GatewayReference { Name = "public" } }).Objects.OfType<HttpRoute>());

        Assert.Null(route.Spec.ParentRefs[0].Namespace);
        Assert.Contains("Gateway shop/public:", Render(Gateway, new ClusterIngress { Gateway = new GatewayReference { Name = "public" } }).Report.Entries.Single(e => e.Path == Path).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Ingress_PrefixRootToTheServicePort()
    {
        var ingress = Assert.Single(Render(ClusterCapabilities.Kubernetes130, ClassOnly).Objects.OfType<V1Ingress>());

        Assert.Equal(("networking.k8s.io/v1", "nginx"), (ingress.ApiVersion, ingress.Spec.IngressClassName));
        var path = Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths);
        Assert.Equal(("/", "Prefix", "web", 8080), (path.Path, path.PathType, path.Backend.Service.Name, path.Backend.Service.Port.Number));
    }

    [Fact]
    public void Render_TwoTargetGroups_OneObjectEach()
    {
        const string second = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/admin-tg/0123456789abcdef";
        var result = Render(Tgb, null, "tcp", Arn, second);

        Assert.Equal(["TargetGroupBinding web-admin-tg", "TargetGroupBinding web-web-tg"], Kinds(result));
        Assert.Equal("9090", result.Objects.OfType<TargetGroupBinding>().Single(t => t.Spec.TargetGroupArn == second).Spec.ServiceRef.Port?.Value);
    }

    [Fact]
    public void Render_UdpPortWithoutTargetGroupBinding_NoRouteReported()
    {
        var result = Render(Gateway, GatewayAndClass, "udp");

        Assert.Empty(Kinds(result));
        Assert.Contains("HTTPRoutes and Ingresses carry HTTP, not UDP", result.Report.Entries.Single(e => e.Path == Path).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UdpPortWithTargetGroupBinding_Bound()
    {
        Assert.Equal(["TargetGroupBinding web-web-tg"], Kinds(Render(Tgb, null, "udp")));
    }

    [Theory]
    [InlineData("arn:tg", "'arn:tg' is not a target group ARN")]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/1", "is not a target group ARN")]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web_tg/1", "is not a target group ARN")]
    public void Render_BadTargetGroupArn_RejectedNamingTheField(string arn, string reason)
    {
        var result = Render(Tgb, null, "tcp", arn);

        Assert.True(result.Rejected);
        Assert.Contains(result.Report.Rejections, r => r.Path == Path && r.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SameTargetGroupTwice_RejectedNamingTheFirst()
    {
        var result = Render(Tgb, null, "tcp", Arn, Arn);

        Assert.Contains(result.Report.Rejections, r => r.Path == "service.loadBalancers[1].targetGroupArn" && r.Reason.Contains("already named by loadBalancers[0]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/Web-TG/0123", "web-tg")]
    [InlineData("arn:aws-cn:elasticloadbalancing:cn-north-1:1:targetgroup/a/b", "a")]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup//0123", null)]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a", null)]
    [InlineData("", null)]
    public void TargetGroupName_Arn_NameOrNull(string arn, string? expected) =>
        Assert.Equal(expected, LoadBalancerRouting.TargetGroupName(arn));
}
