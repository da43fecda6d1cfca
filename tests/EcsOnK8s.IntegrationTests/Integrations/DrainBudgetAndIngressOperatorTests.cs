using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Integrations;

/// <summary>
/// The operator's built-in integrations on the real API server (1.20): a PodDisruptionBudget (policy/v1beta1) from
/// minimumHealthyPercent and an Ingress per target group of the cluster's IngressClass, created, restored, and
/// deleted when no longer rendered; and the report entry when nothing receives a target group's traffic.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class DrainBudgetAndIngressOperatorTests(KubeFixture fixture)
{
    private const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef";

    private static string Cluster(string ingress) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        spec:
          {{ingress}}
        """;

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          family: web
          networkMode: awsvpc
          containerDefinitions:
          - name: app
            image: nginx:1.27
            memory: 128
            portMappings: [{containerPort: 8080, name: http}]
        """;

    private static string Service(int desired, int minimumHealthy) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: web}
        spec:
          taskDefinition: web
          desiredCount: {{desired}}
          deploymentConfiguration: {minimumHealthyPercent: {{minimumHealthy}}, maximumPercent: 200}
          loadBalancers: [{containerName: app, containerPort: 8080, targetGroupArn: "{{TargetGroupArn}}"}]
        """;

    [Fact]
    public async Task Service_MinimumHealthy50Of4_BudgetOwnedRestoredThenDeletedAtOneTask()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "int-pdb");
        await s.CreateAsync<EcsCluster>(Cluster("settings: []"));
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>(Service(desired: 4, minimumHealthy: 50));

        var budget = await OperatorScenario.EventuallyAsync(() => BudgetAsync(s), b => b is not null, "the web PodDisruptionBudget");
        Assert.Equal("50%", budget!.Spec.MinAvailable.Value);
        Assert.Equal(("EcsService", "web", true), Owner(budget.Metadata));
        var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the web Deployment");
        Assert.Equal(deployment!.Spec.Selector.MatchLabels.OrderBy(p => p.Key), budget.Spec.Selector.MatchLabels.OrderBy(p => p.Key));

        await s.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("policy", "v1beta1", s.Namespace, "poddisruptionbudgets", "web");
        await OperatorScenario.EventuallyAsync(() => BudgetAsync(s), b => b is not null && b.Metadata.Uid != budget.Metadata.Uid, "the deleted budget restored");

        // One task: any budget of 50% would keep it and block every eviction.
        await s.Ecs.PatchAsync<EcsService>(s.Namespace, "web", new { spec = new { desiredCount = 1 } });
        await OperatorScenario.EventuallyAsync(() => BudgetAsync(s), b => b is null, "the budget deleted at one task");
        var service = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => x?.Status?.Translation?.Notes?.Any(n => n.Contains("would block every eviction", StringComparison.Ordinal)) == true,
            "the status saying why there is no budget");
        Assert.Contains(service!.Status.Translation!.Notes!, n => n.StartsWith("service.deploymentConfiguration.minimumHealthyPercent: Approximated: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TargetGroup_ClusterIngressClass_IngressOwnedThenDeletedWhenTheClassGoes()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "int-ingress");
        await s.CreateAsync<EcsCluster>(Cluster("ingress: {ingressClassName: nginx}"));
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>(Service(desired: 2, minimumHealthy: 100));

        var ingress = await OperatorScenario.EventuallyAsync(() => IngressAsync(s), i => i is not null, "the web-web-tg Ingress");
        Assert.Equal("nginx", ingress!.Spec.IngressClassName);
        var path = Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths);
        Assert.Equal(("web", 8080), (path.Backend.Service.Name, path.Backend.Service.Port.Number));
        Assert.Equal(("EcsService", "web", true), Owner(ingress.Metadata));

        // Without an IngressClass nothing receives the traffic: the Ingress goes and the status names the target group.
        await s.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"ingress":null}}""", V1Patch.PatchType.MergePatch), "ecsonk8s.io", "v1alpha1", s.Namespace, "ecsclusters", "default");
        await OperatorScenario.EventuallyAsync(() => IngressAsync(s), i => i is null, "the Ingress deleted");
        var service = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => x?.Status?.Translation?.Notes?.Any(n => n.StartsWith("service.loadBalancers[0].targetGroupArn: Approximated: nothing receives outside traffic for target group web-tg", StringComparison.Ordinal)) == true,
            "the status naming loadBalancers[0].targetGroupArn");
        Assert.NotNull(await s.Client.CoreV1.ReadNamespacedServiceAsync("web", s.Namespace));
        Assert.NotNull(service);
    }

    private static (string, string, bool) Owner(V1ObjectMeta metadata)
    {
        var owner = Assert.Single(metadata.OwnerReferences);
        return (owner.Kind, owner.Name, owner.Controller == true);
    }

    // Kubernetes 1.20 serves policy/v1beta1 only (the client has no typed API for it); its shape is v1's for these fields.
    private static async Task<V1PodDisruptionBudget?> BudgetAsync(OperatorScenario s)
    {
        try
        {
            var found = await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>("policy", "v1beta1", s.Namespace, "poddisruptionbudgets", "web");
            return KubernetesJson.Deserialize<V1PodDisruptionBudget>(found.GetRawText());
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<V1Ingress?> IngressAsync(OperatorScenario s)
    {
        try
        {
            return await s.Client.NetworkingV1.ReadNamespacedIngressAsync("web-web-tg", s.Namespace);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
