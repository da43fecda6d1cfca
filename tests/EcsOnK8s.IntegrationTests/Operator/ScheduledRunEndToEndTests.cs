using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Testing;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>An operator-timed schedule on hollow nodes: its run's tasks really start, and their ECS state reaches its status.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScheduledRunEndToEndTests(EndToEndFixture fixture)
{
    [Fact]
    public async Task OperatorTimedRun_OnHollowNodes_TasksRunAndTheirStatusIsTheSchedules()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-sched");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: report}
            spec:
              containerDefinitions: [{name: app, image: "nginx:1.27", cpu: 8, memoryReservation: 32}]
            """);
        var at = DateTimeOffset.UtcNow.AddSeconds(20);
        at = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        await s.CreateAsync<EcsScheduledTask>($$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsScheduledTask
            metadata: {name: batch}
            spec:
              scheduleExpression: "at({{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}})"
              target:
                arn: arn:aws:ecs:us-east-1:123456789012:cluster/default
                ecsParameters: {taskDefinitionArn: report, taskCount: 2}
            """);

        var schedule = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "batch"),
            x => x?.Status?.Runs is [{ LastStatus: "RUNNING", Tasks: [{ LastStatus: "RUNNING" }, { LastStatus: "RUNNING" }] }],
            "the run's two tasks RUNNING in the schedule's status", TimeSpan.FromSeconds(120));

        var run = schedule!.Status.Runs![0];
        Assert.Equal(ScheduledTaskReconciler.RunJobName("batch", at), run.JobName);
        Assert.Equal(at.UtcDateTime, run.ScheduledTime);
        Assert.All(run.Tasks!, t =>
        {
            Assert.Equal("RUNNING", t.LastStatus);
            Assert.Equal("app", Assert.Single(t.Containers!).Name);
            Assert.StartsWith($"arn:ecsonk8s:ecs:{s.Namespace}:task/default/{run.JobName}-", t.TaskArn, StringComparison.Ordinal);
        });
        var pods = (await s.Client.CoreV1.ListNamespacedPodAsync(s.Namespace)).Items;
        Assert.Equal(2, pods.Count(p => p.Status.Phase == "Running" && p.Metadata.Labels[WellKnownLabels.JobName] == run.JobName));
    }
}
