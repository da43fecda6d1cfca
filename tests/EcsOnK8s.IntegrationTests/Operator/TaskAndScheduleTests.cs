using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>RunTask as Jobs (started once, never again) and an EventBridge schedule as a CronJob.</summary>
[Collection(KubeCollection.Name)]
public sealed class TaskAndScheduleTests(KubeFixture fixture)
{
    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: report}
        spec:
          containerDefinitions: [{name: report, image: "busybox:1.36", memory: 64, command: [sh, -c, "echo done"]}]
        """;

    [Fact]
    public async Task RunTask_CountTwo_TwoJobsCreatedOnceAndTasksReported()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-runtask");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsTask>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTask
            metadata: {name: nightly}
            spec:
              taskDefinition: report
              count: 2
              startedBy: ci
              overrides: {containerOverrides: [{name: report, command: [sh, -c, "echo override"]}]}
            """);

        var task = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsTask>(s.Namespace, "nightly"), t => t?.Status?.Tasks is { Count: 2 }, "two tasks in status");
        Assert.Equal("report:1", task!.Status.TaskDefinition);
        Assert.All(task.Status.Tasks!, t => Assert.Equal("RUNNING", t.DesiredStatus));
        var jobs = (await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items.OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["nightly-1", "nightly-2"], jobs.Select(j => j.Metadata.Name));
        Assert.Equal(["sh", "-c", "echo override"], jobs[0].Spec.Template.Spec.Containers[0].Args ?? jobs[0].Spec.Template.Spec.Containers[0].Command);
        Assert.Equal(0, jobs[0].Spec.BackoffLimit);

        // A new revision of the family does not start the task again.
        await s.Ecs.PatchAsync<EcsTaskDefinition>(s.Namespace, "report", new
        {
            spec = new { containerDefinitions = new[] { new { name = "report", image = "busybox:1.37", memory = 64 } } },
        });
        await OperatorScenario.EventuallyAsync(() => s.TaskDefinitionAsync("report"), t => t?.Status?.LatestRevision == 2, "revision 2");

        // A sentinel through the same informer: once a task definition created after revision 2 is registered, the
        // operator has handed revision 2 to every controller, and once it is idle they have acted on it.
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition.ReplaceRequired("{name: report}", "{name: sentinel}"));
        await OperatorScenario.EventuallyAsync(() => s.TaskDefinitionAsync("sentinel"), t => t?.Status?.LatestRevision == 1, "the sentinel registered");
        await s.IdleAsync();
        var after = (await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items;
        Assert.Equal(jobs.Select(j => j.Metadata.Uid).Order(), after.Select(j => j.Metadata.Uid).Order());
        Assert.Equal("report:1", (await s.Ecs.GetAsync<EcsTask>(s.Namespace, "nightly"))!.Status.TaskDefinition);
    }

    [Fact]
    public async Task Schedule_AwsCron_CronJobWithTranslatedScheduleAndStatus()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-schedule");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsScheduledTask>("""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsScheduledTask
            metadata: {name: weekdays}
            spec:
              scheduleExpression: cron(0 18 ? * MON-FRI *)
              state: ENABLED
              target:
                arn: arn:aws:ecs:us-east-1:123456789012:cluster/default
                ecsParameters: {taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/report:1", taskCount: 1}
            """);

        var schedule = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "weekdays"), x => x?.Status?.CronSchedule is not null, "the cron schedule in status");
        Assert.Equal("0 18 * * MON-FRI", schedule!.Status.CronSchedule);
        Assert.Equal("True", OperatorScenario.ConditionOf(schedule.Status.Conditions, ConditionTypes.Ready)!.Status);

        // Kubernetes 1.20 serves CronJob as batch/v1beta1 only; the operator discovered that.
        var cronJob = await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("batch", "v1beta1", s.Namespace, "cronjobs", "weekdays");
        Assert.Equal("0 18 * * MON-FRI", cronJob.GetProperty("spec").GetProperty("schedule").GetString());
    }
}
