using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// The operator with kube-controller-manager, kube-scheduler and hollow nodes: tasks really run, the garbage
/// collector and the HPA controller do their part.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EndToEndTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);

    private static string TaskDefinition(string name, string extra = "") => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: {{name}}}
        spec:
          containerDefinitions:
          - name: app
            image: nginx:1.27
            cpu: 8
            memoryReservation: 32
            {{extra}}
        """;

    [Fact]
    public async Task Service_OnHollowNodes_TasksRunAndRunningCountConverges()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-run");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("web"));
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 3}");

        var service = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => x?.Status?.RunningCount == 3 && OperatorScenario.ConditionOf(x.Status.Conditions, ConditionTypes.Ready)?.Status == "True",
            "3 running tasks and a steady state", Rollout);

        var primary = Assert.Single(service!.Status.Deployments!);
        Assert.Equal(("PRIMARY", "COMPLETED", 3), (primary.Status, primary.RolloutState, primary.RunningCount ?? 0));
        Assert.Contains(service.Status.Events!, e => e.Message == "service web has reached a steady state.");
        var pods = await s.Client.CoreV1.ListNamespacedPodAsync(s.Namespace);
        Assert.Equal(3, pods.Items.Count(p => p.Status.Phase == "Running"));
    }

    [Fact]
    public async Task ServiceDeletedAndRecreatedAtOnce_NewStrategy_SuccessorsDeploymentsOnlyOnceCollected()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-recreate");
        await ChildOwnershipTests.DeleteAndRecreateRoundsAsync(s, garbageCollected: true);
    }

    [Fact]
    public async Task CapacityProviderStrategy_BaseAndWeights_TasksLandOnTheProvidersNodes()
    {
        var nodes = (await fixture.Client.CoreV1.ListNodeAsync()).Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).ToList();
        Assert.True(nodes.Count >= 2, "the e2e control plane has two nodes");
        await LabelAsync(nodes[0].Metadata.Name, "on-demand");
        await LabelAsync(nodes[1].Metadata.Name, "spot");

        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-split");
        await s.CreateAsync<EcsCluster>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsCluster
            metadata: {name: default}
            spec:
              capacityProviders:
              - {name: ON_DEMAND, nodeSelector: {e2e.ecsonk8s.io/pool: on-demand}}
              - {name: SPOT, nodeSelector: {e2e.ecsonk8s.io/pool: spot}}
            """);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("web"));
        await s.CreateAsync<EcsService>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsService
            metadata: {name: web}
            spec:
              taskDefinition: web
              desiredCount: 5
              capacityProviderStrategy:
              - {capacityProvider: ON_DEMAND, base: 1, weight: 1}
              - {capacityProvider: SPOT, weight: 3}
            """);

        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.RunningCount == 5, "5 running tasks", Rollout);
        var pods = (await s.Client.CoreV1.ListNamespacedPodAsync(s.Namespace)).Items.Where(p => p.Status.Phase == "Running").ToList();

        // Base 1 on ON_DEMAND, then the other 4 by weight 1:3.
        Assert.Equal(2, pods.Count(p => p.Spec.NodeName == nodes[0].Metadata.Name && p.Metadata.Labels[WellKnownLabels.CapacityProvider] == "ON_DEMAND"));
        Assert.Equal(3, pods.Count(p => p.Spec.NodeName == nodes[1].Metadata.Name && p.Metadata.Labels[WellKnownLabels.CapacityProvider] == "SPOT"));
    }

    [Fact]
    public async Task StalledRollout_CircuitBreakerWithRollback_FailsAndReturnsToLastCompleted()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-breaker");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {deploymentProgressDeadlineSeconds: 10}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("web"));
        await s.CreateAsync<EcsService>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsService
            metadata: {name: web}
            spec:
              taskDefinition: web
              desiredCount: 2
              deploymentConfiguration:
                deploymentCircuitBreaker: {enable: true, rollback: true}
            """);
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.Deployments?[0].RolloutState == "COMPLETED", "web:1 completed", Rollout);

        // web:2 asks for more memory than any node has: its tasks can never be placed.
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "web", new
        {
            spec = new { containerDefinitions = new[] { new { name = "app", image = "nginx:1.27", cpu = 128, memoryReservation = 100_000_000 } } },
        });

        var rolledBack = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => x?.Status?.TaskDefinition == "web:1" && x.Status.Deployments!.Any(d => d.TaskDefinition == "web:2" && d.RolloutState == "FAILED"),
            "the rollback to web:1", Rollout);
        var degraded = OperatorScenario.ConditionOf(rolledBack!.Status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("True", ConditionReasons.RolledBack), (degraded.Status, degraded.Reason));
        Assert.Contains(rolledBack.Status.Events!, e => e.Message!.Contains("rolling back to web:1", StringComparison.Ordinal));
        await OperatorScenario.EventuallyAsync(
            () => s.DeploymentAsync("web"),
            d => d?.Spec.Template.Metadata.Annotations[WellKnownAnnotations.TaskDefinition] == "web:1",
            "the Deployment back on web:1");
    }

    [Fact]
    public async Task DeleteService_UnderRetain_ChildrenCollectedVolumeClaimKept()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-delete");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {storage: {retentionPolicy: Retain}}");
        await s.CreateAsync<EcsTaskDefinition>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: web}
            spec:
              containerDefinitions:
              - name: app
                image: nginx:1.27
                memoryReservation: 64
                mountPoints: [{sourceVolume: content, containerPath: /usr/share/nginx/html}]
              volumes:
              - name: content
                efsVolumeConfiguration: {fileSystemId: fs-0123456789abcdef0, rootDirectory: /}
            """);
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 1}");
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the Deployment");
        var claims = await OperatorScenario.EventuallyAsync(
            async () => (await s.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(s.Namespace)).Items, c => c.Count == 1, "the shared volume claim");
        Assert.Null(claims[0].Metadata.OwnerReferences);

        await s.Ecs.DeleteAsync<EcsService>(s.Namespace, "web");

        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is null, "the garbage collector to delete the Deployment", Rollout);
        // The operator saw the service go long before the garbage collector was done: idle, it has acted on it.
        await s.IdleAsync();
        var kept = (await s.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(s.Namespace)).Items;
        Assert.Equal(claims[0].Metadata.Uid, Assert.Single(kept).Metadata.Uid);
    }

    [Fact]
    public async Task AutoScaling_HpaController_ScalesTheEcsServiceThroughItsScaleSubresource()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-hpa");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition("web"));
        await s.CreateAsync<EcsService>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsService
            metadata: {name: web}
            spec:
              taskDefinition: web
              desiredCount: 1
              autoScaling:
                minCapacity: 3
                maxCapacity: 5
                targetTrackingPolicies: [{targetValue: 50, predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}}]
            """);

        // Below minCapacity, the HPA controller raises desiredCount through the scale subresource, metrics or not.
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Spec.DesiredCount == 3, "the HPA to scale the service to 3", Rollout);
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d?.Spec.Replicas == 3, "the Deployment to follow");
    }

    private async Task LabelAsync(string node, string pool)
    {
        var patch = new V1Patch(
            KubernetesJson.Serialize(new { metadata = new { labels = new Dictionary<string, string> { ["e2e.ecsonk8s.io/pool"] = pool } } }),
            V1Patch.PatchType.MergePatch);
        await fixture.Client.CoreV1.PatchNodeAsync(patch, node);
    }
}
