using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>The operator against the real API server: what task definitions and services render, and how they change.</summary>
[Collection(KubeCollection.Name)]
public sealed class ServiceReconcileTests(KubeFixture fixture)
{
    private const string Cluster = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        spec:
          capacityProviders:
          - name: FARGATE
          - name: FARGATE_SPOT
        """;

    private static string TaskDefinition(string image, string extra = "") => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          family: web
          networkMode: awsvpc
          requiresCompatibilities: [FARGATE]
          cpu: "512"
          memory: "1024"
          containerDefinitions:
          - name: app
            image: {{image}}
            cpu: 256
            memoryReservation: 256
            portMappings: [{containerPort: 8080, name: http, appProtocol: http}]
            {{extra}}
          - name: log_router
            image: fluent/fluent-bit:3
            essential: false
        """;

    private static string Service(string name, string taskDefinition, int desired = 2, string extra = "") => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: {{name}}}
        spec:
          taskDefinition: {{taskDefinition}}
          desiredCount: {{desired}}
          launchType: FARGATE
          loadBalancers: [{containerName: app, containerPort: 8080, targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/abc"}]
          {{extra}}
        """;

    [Fact]
    public async Task Service_TaskDefinitionAndCluster_ChildrenHaveTheExpectedShape()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-shape");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("nginx:1.27"));
        await s.CreateAsync<EcsService>(Service("web", "web", extra: """
            autoScaling:
                minCapacity: 2
                maxCapacity: 6
                targetTrackingPolicies: [{policyName: cpu, targetValue: 60, predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}}]
            """));

        var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the web Deployment");
        Assert.Equal(2, deployment!.Spec.Replicas);
        var app = deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "app");
        Assert.Equal("nginx:1.27", app.Image);
        Assert.Equal(new ResourceQuantity("250m"), app.Resources.Requests["cpu"]);
        Assert.Equal(new ResourceQuantity("256Mi"), app.Resources.Requests["memory"]);
        Assert.False(app.Resources.Limits?.ContainsKey("cpu") ?? false);
        Assert.Contains(deployment.Spec.Template.Spec.Containers, c => c.Name == "log-router");
        Assert.Equal("web:1", deployment.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);
        var owner = Assert.Single(deployment.Metadata.OwnerReferences);
        Assert.Equal(("EcsService", "web", true), (owner.Kind, owner.Name, owner.Controller == true));

        var service = await s.Client.CoreV1.ReadNamespacedServiceAsync("web", s.Namespace);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((8080, "http"), (port.Port, port.Name));
        Assert.Equal(deployment.Spec.Selector.MatchLabels.OrderBy(p => p.Key), service.Spec.Selector.OrderBy(p => p.Key));

        // Kubernetes 1.20 serves autoscaling/v2beta2 only; the operator discovered that.
        var hpa = await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<System.Text.Json.JsonElement>(
            "autoscaling", "v2beta2", s.Namespace, "horizontalpodautoscalers", "web");
        var hpaSpec = hpa.GetProperty("spec");
        Assert.Equal("EcsService", hpaSpec.GetProperty("scaleTargetRef").GetProperty("kind").GetString());
        Assert.Equal("web", hpaSpec.GetProperty("scaleTargetRef").GetProperty("name").GetString());
        Assert.Equal((2, 6), (hpaSpec.GetProperty("minReplicas").GetInt32(), hpaSpec.GetProperty("maxReplicas").GetInt32()));

        var revision = await s.Client.AppsV1.ReadNamespacedControllerRevisionAsync("web-1", s.Namespace);
        Assert.Equal(1, revision.Revision);
        var td = await OperatorScenario.EventuallyAsync(() => s.TaskDefinitionAsync("web"), t => t?.Status?.TaskDefinition == "web:1", "task definition status");
        Assert.Equal("ACTIVE", Assert.Single(td!.Status.Revisions!).Status);

        var svc = await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.Selector is { Length: > 0 }, "service status");
        Assert.Equal("web:1", svc!.Status.TaskDefinition);
        Assert.Equal(2, svc.Status.DesiredCount);
        Assert.Equal("PRIMARY", Assert.Single(svc.Status.Deployments!).Status);
        Assert.Contains($"{WellKnownLabels.Service}=web", svc.Status.Selector, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskDefinitionChange_NewRevision_RollsOutServicesOnLatestOnly()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-revisions");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("nginx:1.27"));
        await s.CreateAsync<EcsService>(Service("latest", "web"));
        await s.CreateAsync<EcsService>(Service("pinned", "web:1"));
        var pinnedBefore = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("pinned"), d => d is not null, "the pinned Deployment");
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("latest"), d => d is not null, "the latest Deployment");

        // Re-applying the same content is not a new revision.
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new { metadata = new { labels = new Dictionary<string, string> { ["touched"] = "yes" } } });
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new
        {
            spec = new { containerDefinitions = KubernetesYaml.Deserialize<EcsTaskDefinition>(TaskDefinition("nginx:1.28")).Spec.ContainerDefinitions },
        });

        var td = await OperatorScenario.EventuallyAsync(() => s.TaskDefinitionAsync("web"), t => t?.Status?.LatestRevision == 2, "revision 2");
        Assert.Equal([1, 2], td!.Status.Revisions!.Select(r => r.Revision ?? 0));
        var latest = await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("latest"), d => d?.Spec.Template.Spec.Containers[0].Image == "nginx:1.28", "the latest service to roll out nginx:1.28");
        Assert.Equal("web:2", latest!.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition]);

        // The revision that rolled out the latest service queued the pinned one with it: once the operator is idle,
        // the pinned service has been reconciled against revision 2.
        await s.IdleAsync();
        var pinnedAfter = await s.DeploymentAsync("pinned");
        Assert.Equal(pinnedBefore!.Metadata.ResourceVersion, pinnedAfter!.Metadata.ResourceVersion);
        Assert.Equal("nginx:1.27", pinnedAfter.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task ScaleSubresource_DesiredCountChanged_DeploymentReplicasFollow()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-scale");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("nginx:1.27"));
        await s.CreateAsync<EcsService>(Service("web", "web"));
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d?.Spec.Replicas == 2, "2 replicas");

        // What `kubectl scale ecssvc web --replicas=5` and the HPA controller do.
        var scale = await s.Client.CustomObjects.GetNamespacedCustomObjectScaleAsync<V1Scale>(EcsApi.Group, EcsApi.Version, s.Namespace, EcsService.Plural, "web");
        scale.Spec.Replicas = 5;
        await s.Client.CustomObjects.ReplaceNamespacedCustomObjectScaleAsync(scale, EcsApi.Group, EcsApi.Version, s.Namespace, EcsService.Plural, "web");

        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d?.Spec.Replicas == 5, "5 replicas");
        var readBack = await s.Client.CustomObjects.GetNamespacedCustomObjectScaleAsync<V1Scale>(EcsApi.Group, EcsApi.Version, s.Namespace, EcsService.Plural, "web");
        Assert.Equal(5, readBack.Spec.Replicas);
    }

    [Fact]
    public async Task Child_DeletedOrEditedByHand_IsRestored()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-restore");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("nginx:1.27"));
        await s.CreateAsync<EcsService>(Service("web", "web"));
        var first = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the Deployment");

        await s.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", s.Namespace);
        var recreated = await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("web"), d => d is not null && d.Metadata.Uid != first!.Metadata.Uid && d.Metadata.DeletionTimestamp is null, "the Deployment recreated");

        var edited = recreated!;
        edited.Spec.Template.Spec.Containers[0].Image = "evil:latest";
        await s.Client.AppsV1.ReplaceNamespacedDeploymentAsync(edited, "web", s.Namespace);
        await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("web"), d => d?.Spec.Template.Spec.Containers[0].Image == "nginx:1.27", "the hand edit undone");

        try
        {
            await s.Client.CoreV1.DeleteNamespacedServiceAsync("web", s.Namespace);
        }
        catch (System.Text.Json.JsonException)
        {
            // Kubernetes 1.20 answers a Service delete with a Status, which the typed client cannot read; it is deleted.
        }
        await OperatorScenario.EventuallyAsync(async () =>
        {
            var list = await s.Client.CoreV1.ListNamespacedServiceAsync(s.Namespace);
            return list.Items.Any(x => x.Metadata.Name == "web" && x.Metadata.DeletionTimestamp is null);
        }, found => found, "the Service recreated");
    }

    [Fact]
    public async Task Converged_NothingChanges_OperatorWritesNothing()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-quiet");
        await s.CreateAsync<EcsCluster>(Cluster);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("nginx:1.27"));
        await s.CreateAsync<EcsService>(Service("web", "web"));
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.Deployments is { Count: 1 }, "service status");
        await s.IdleAsync();

        // The cluster counts its services in one write per window after they change (EcsControllers.ClusterCountsWindow):
        // a barrier blind to that waiting key returns before the count lands, and the write shows up as one at rest.
        var cluster = await s.Ecs.GetAsync<EcsCluster>(s.Namespace, "default");
        Assert.Equal(1, cluster?.Status?.ActiveServicesCount);

        var before = await SnapshotAsync(s);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = await SnapshotAsync(s);

        Assert.Equal(before, after);
    }

    /// <summary>Every object of the namespace with its resourceVersion: any write changes it.</summary>
    private static async Task<string> SnapshotAsync(OperatorScenario s)
    {
        var lines = new List<string>();
        foreach (var plural in (string[])[EcsService.Plural, EcsTaskDefinition.Plural, EcsCluster.Plural])
        {
            var list = await s.Client.CustomObjects.ListNamespacedCustomObjectAsync<System.Text.Json.JsonElement>(EcsApi.Group, EcsApi.Version, s.Namespace, plural);
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                var metadata = item.GetProperty("metadata");
                lines.Add($"{plural}/{metadata.GetProperty("name")}@{metadata.GetProperty("resourceVersion")}");
            }
        }

        lines.AddRange((await s.Client.AppsV1.ListNamespacedDeploymentAsync(s.Namespace)).Items.Select(d => $"deployment/{d.Metadata.Name}@{d.Metadata.ResourceVersion}"));
        lines.AddRange((await s.Client.CoreV1.ListNamespacedServiceAsync(s.Namespace)).Items.Select(d => $"service/{d.Metadata.Name}@{d.Metadata.ResourceVersion}"));
        lines.AddRange((await s.Client.CoreV1.ListNamespacedEventAsync(s.Namespace)).Items.Select(d => $"event/{d.Metadata.Name}@{d.Metadata.ResourceVersion}"));
        lines.AddRange((await s.Client.AppsV1.ListNamespacedControllerRevisionAsync(s.Namespace)).Items.Select(d => $"revision/{d.Metadata.Name}@{d.Metadata.ResourceVersion}"));
        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }
}
