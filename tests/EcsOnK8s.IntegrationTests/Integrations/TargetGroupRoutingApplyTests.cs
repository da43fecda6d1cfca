using System.Text.Json;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Testing;
using EcsOnK8s.Translation;
using EcsOnK8s.Translation.Model;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Integrations;

/// <summary>
/// TargetGroupBindings and HTTPRoutes on the real API server with the AWS Load Balancer Controller's and Gateway
/// API's CRDs installed (fixtures with structural schemas): what the renderer makes for a service is accepted by
/// server-side apply with the service as controller owner, and when the AWS Load Balancer Controller becomes
/// available the service's reconcile step (apply, then prune the kinds the capabilities serve) replaces the
/// HTTPRoute by a TargetGroupBinding. The capabilities are set here, as discovery will set them (the operator's
/// discovery of these groups is issue 15 item 1).
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class TargetGroupRoutingApplyTests(KubeFixture fixture)
{
    private const string Arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef";
    private static readonly ClusterCapabilities GatewayOnly = ClusterCapabilities.Kubernetes120 with { HttpRouteApiVersion = "gateway.networking.k8s.io/v1" };
    private static readonly ClusterCapabilities Both = GatewayOnly with { TargetGroupBindingApiVersion = "elbv2.k8s.aws/v1beta1" };

    [Fact]
    public async Task Service_GatewayThenLoadBalancerController_HttpRouteAppliedThenReplacedByTargetGroupBinding()
    {
        await using var crds = await IntegrationCrds.InstallAsync(fixture.Client, "elbv2.k8s.aws_targetgroupbindings.yaml", "gateway.networking.k8s.io_httproutes.yaml");
        var ns = await fixture.CreateNamespaceAsync("int-tgb");
        var rest = new KubernetesRestClient(fixture.Client);
        var type = ResourceType.For<EcsService>();
        await fixture.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new EcsService { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns }, Spec = Spec() }, type.Group, type.Version, ns, type.Plural);
        var owner = (await rest.GetAsync<EcsService>(type.ObjectPath(new ObjectKey(ns, "web")), CancellationToken.None))!;
        var applier = new ChildApplier(rest);

        var routed = await ReconcileAsync(applier, owner, GatewayOnly);

        var route = await GetAsync("gateway.networking.k8s.io", "v1", ns, "httproutes", "web-web-tg");
        Assert.Equal(1, routed);
        var parent = route!.Value.GetProperty("spec").GetProperty("parentRefs")[0];
        Assert.Equal(("public", "infra"), (parent.GetProperty("name").GetString(), parent.GetProperty("namespace").GetString()));
        var backend = route.Value.GetProperty("spec").GetProperty("rules")[0].GetProperty("backendRefs")[0];
        Assert.Equal(("web", 8080), (backend.GetProperty("name").GetString(), backend.GetProperty("port").GetInt32()));
        Assert.Equal(owner.Metadata.Uid, route.Value.GetProperty("metadata").GetProperty("ownerReferences")[0].GetProperty("uid").GetString());

        var bound = await ReconcileAsync(applier, owner, Both);

        Assert.Equal(1, bound);
        Assert.Null(await GetAsync("gateway.networking.k8s.io", "v1", ns, "httproutes", "web-web-tg"));
        var binding = (await GetAsync("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings", "web-web-tg"))!.Value.GetProperty("spec");
        Assert.Equal((Arn, "ip"), (binding.GetProperty("targetGroupARN").GetString(), binding.GetProperty("targetType").GetString()));
        Assert.Equal(("web", 8080), (binding.GetProperty("serviceRef").GetProperty("name").GetString(), binding.GetProperty("serviceRef").GetProperty("port").GetInt32()));

        // Applying the same render again changes nothing (no write loop against the server's defaults).
        var before = await GetAsync("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings", "web-web-tg");
        await ReconcileAsync(applier, owner, Both);
        var after = await GetAsync("elbv2.k8s.aws", "v1beta1", ns, "targetgroupbindings", "web-web-tg");
        Assert.Equal(
            before!.Value.GetProperty("metadata").GetProperty("resourceVersion").GetString(),
            after!.Value.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    /// <summary>The service reconciler's write steps for one render: apply every child, prune the kinds it may render. Returns the routing objects applied.</summary>
    private static async Task<int> ReconcileAsync(ChildApplier applier, EcsService owner, ClusterCapabilities capabilities)
    {
        var rendered = Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition("web", 1, new EcsTaskDefinitionSpec
            {
                Family = "web",
                NetworkMode = "awsvpc",
                ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx:1.27", Memory = 128, PortMappings = [new PortMapping { ContainerPort = 8080, Name = "http" }] }],
            }),
            Service = owner,
            Cluster = new EcsCluster
            {
                Metadata = new V1ObjectMeta { Name = "default" },
                Spec = new EcsClusterSpec { Ingress = new ClusterIngress { Gateway = new GatewayReference { Name = "public", Namespace = "infra" } } },
            },
            Capabilities = capabilities,
        });
        Assert.False(rendered.Rejected, string.Join("; ", rendered.Report.Rejections.Select(r => r.Reason)));
        foreach (var child in rendered.Objects)
        {
            await applier.ApplyAsync(child, owner, shared: false, CancellationToken.None);
        }

        await applier.PruneAsync(owner, ServiceReconciler.PrunedKinds(capabilities), rendered.Objects, CancellationToken.None);
        return rendered.Objects.Count(o => o.Kind is "TargetGroupBinding" or "HTTPRoute");
    }

    private static EcsServiceSpec Spec() => new()
    {
        TaskDefinition = "web",
        DesiredCount = 2,
        LoadBalancers = [new LoadBalancer { ContainerName = "app", ContainerPort = 8080, TargetGroupArn = Arn }],
    };

    private async Task<JsonElement?> GetAsync(string group, string version, string ns, string plural, string name)
    {
        try
        {
            return await fixture.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(group, version, ns, plural, name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
