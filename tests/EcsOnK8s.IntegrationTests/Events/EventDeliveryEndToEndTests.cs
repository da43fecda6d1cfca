using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Events;

/// <summary>ECS events of tasks that really run (hollow nodes, the scheduler and the controllers).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EventDeliveryEndToEndTests(EndToEndFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServicePodDeleted_OnHollowNodes_TargetGetsTaskStateChangeStopped()
    {
        using var receiver = new EventReceiver();
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-events");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: web}
            spec:
              containerDefinitions: [{name: app, image: nginx:1.27, cpu: 8, memoryReservation: 32}]
            """);
        await s.CreateAsync<EcsEventRule>($$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsEventRule
            metadata: {name: stopped-web}
            spec:
              eventPattern:
                source: [aws.ecs]
                detail-type: [ECS Task State Change]
                detail: {lastStatus: [STOPPED], group: [service:web]}
              targets:
              - id: hook
                http: {url: "{{receiver.Url}}"}
            """);
        await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsEventRule>(s.Namespace, "stopped-web"),
            r => OperatorScenario.ConditionOf(r?.Status?.Conditions, ConditionTypes.Ready)?.Status == "True", "the rule Ready");
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 1}");
        await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.RunningCount == 1, "1 running task", Patience);
        var pod = (await s.Client.CoreV1.ListNamespacedPodAsync(s.Namespace, labelSelector: $"{WellKnownLabels.Service}=web")).Items.Single(p => p.Status.Phase == "Running");

        await s.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, s.Namespace);

        var received = await Eventually.ValueAsync(
            () => Task.FromResult(receiver.FirstAccepted), r => r is not null, "the STOPPED event of the deleted pod's task", Patience);
        var data = received!.Json.GetProperty("data");
        Assert.Equal("ECS Task State Change", received.Json.GetProperty("type").GetString());
        Assert.Equal("STOPPED", data.GetProperty("lastStatus").GetString());
        Assert.Equal("STOPPED", data.GetProperty("desiredStatus").GetString());
        Assert.Equal("ServiceSchedulerInitiated", data.GetProperty("stopCode").GetString());
        Assert.EndsWith("/" + pod.Metadata.Uid.Replace("-", string.Empty, StringComparison.Ordinal), data.GetProperty("taskArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("arn:aws:ecs:local:000000000000:task-definition/web:1", data.GetProperty("taskDefinitionArn").GetString());
        Assert.Single(receiver.Accepted);
    }
}
