using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Security;

/// <summary>
/// Kubernetes refusing a workload's pods, end to end on the full control plane: a ResourceQuota of zero pods makes
/// the ReplicaSet and Job controllers' creates fail (Kubernetes 1.20 has no Pod Security admission; any admission
/// refusal takes the same path). The EcsService, the EcsTask and the EcsScheduledTask say so in PodsAdmitted with the
/// admission's message, and recover once the quota is lifted; a task or a scheduled run refused past the start timeout
/// is stopped as ECS stops it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PodsAdmittedEndToEndTests(EndToEndFixture fixture)
{
    private const string Quota = "no-pods";

    /// <summary>The controllers back off between failed creates (the Job controller from 10 s, doubling): room for two.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          containerDefinitions: [{name: app, image: "nginx:1.27", cpu: 8, memoryReservation: 32}]
        """;

    [Fact]
    public async Task Service_QuotaRefusesItsPods_PodsAdmittedFalseWithTheMessageThenTrueOnceLifted()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-admit-svc");
        await RefusePodsAsync(s);
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsService>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {name: web}\nspec: {taskDefinition: web, desiredCount: 2}");

        var refused = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.PodsAdmitted)?.Status == "False",
            "PodsAdmitted False", TimeSpan.FromSeconds(60));
        var condition = OperatorScenario.ConditionOf(refused!.Status.Conditions, ConditionTypes.PodsAdmitted)!;
        Assert.Equal(ConditionReasons.PodsRefused, condition.Reason);
        Assert.Contains($"exceeded quota: {Quota}", condition.Message, StringComparison.Ordinal);
        Assert.Equal(0, refused.Status.RunningCount ?? 0);

        await s.Client.CoreV1.DeleteNamespacedResourceQuotaAsync(Quota, s.Namespace);

        // Settled: the pods run and the service counts them, not only the condition's flip.
        var admitted = await OperatorScenario.EventuallyAsync(
            () => s.ServiceAsync("web"),
            x => OperatorScenario.ConditionOf(x?.Status?.Conditions, ConditionTypes.PodsAdmitted)?.Status == "True" && x!.Status.RunningCount == 2,
            "PodsAdmitted True and 2 running tasks", Recovery);
        Assert.Equal(ConditionReasons.PodsCreated, OperatorScenario.ConditionOf(admitted!.Status.Conditions, ConditionTypes.PodsAdmitted)!.Reason);
    }

    [Fact]
    public async Task Task_QuotaRefusesItsPod_PodsAdmittedFalseWithTheMessageThenRunsOnceLifted()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-admit-task");
        await RefusePodsAsync(s);
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsTask>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTask\nmetadata: {name: once}\nspec: {taskDefinition: web}");

        var refused = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsTask>(s.Namespace, "once"),
            t => OperatorScenario.ConditionOf(t?.Status?.Conditions, ConditionTypes.PodsAdmitted)?.Status == "False",
            "PodsAdmitted False", TimeSpan.FromSeconds(60));
        var condition = OperatorScenario.ConditionOf(refused!.Status.Conditions, ConditionTypes.PodsAdmitted)!;
        Assert.Equal(ConditionReasons.PodsRefused, condition.Reason);
        Assert.Contains($"exceeded quota: {Quota}", condition.Message, StringComparison.Ordinal);
        Assert.Equal("PROVISIONING", Assert.Single(refused.Status.Tasks!).LastStatus);

        await s.Client.CoreV1.DeleteNamespacedResourceQuotaAsync(Quota, s.Namespace);

        var running = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsTask>(s.Namespace, "once"),
            t => OperatorScenario.ConditionOf(t?.Status?.Conditions, ConditionTypes.PodsAdmitted)?.Status == "True" && t!.Status.LastStatus == "RUNNING",
            "PodsAdmitted True and the task RUNNING", Recovery);
        Assert.Null(Assert.Single(running!.Status.Tasks!).StopCode);
    }

    [Fact]
    public async Task Task_RefusedPastTheStartTimeout_StoppedTaskFailedToStartAndNeverStarted()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-admit-stop", "--task-start-timeout", "15s");
        await RefusePodsAsync(s);
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsTask>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTask\nmetadata: {name: once}\nspec: {taskDefinition: web}");

        var stopped = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsTask>(s.Namespace, "once"),
            t => t?.Status?.LastStatus == "STOPPED",
            "the task STOPPED", TimeSpan.FromSeconds(90));

        var instance = Assert.Single(stopped!.Status.Tasks!);
        Assert.Equal(("STOPPED", "TaskFailedToStart"), (instance.DesiredStatus, instance.StopCode));
        Assert.StartsWith("Task failed to start: Kubernetes refused its pod for 15s: ", instance.StoppedReason, StringComparison.Ordinal);
        Assert.Contains($"exceeded quota: {Quota}", instance.StoppedReason, StringComparison.Ordinal);
        Assert.NotNull(instance.StoppedAt);
        Assert.Equal("True", OperatorScenario.ConditionOf(stopped.Status.Conditions, ConditionTypes.Degraded)?.Status);
        Assert.Equal("False", OperatorScenario.ConditionOf(stopped.Status.Conditions, ConditionTypes.PodsAdmitted)?.Status);

        // Stopped means never started later: the Job asks for no pod, whatever the quota says from now on.
        var job = Assert.Single((await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items);
        Assert.Equal(0, job.Spec.Parallelism);
        Assert.Equal(instance.StoppedReason, job.Metadata.Annotations[WellKnownAnnotations.StoppedReason]);
    }

    [Fact]
    public async Task ScheduledRun_RefusedPastTheStartTimeout_PodsAdmittedFalseOnTheScheduleAndTheRunStopped()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "e2e-admit-sched", "--task-start-timeout", "15s");
        await RefusePodsAsync(s);
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        var at = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
        await s.CreateAsync<EcsScheduledTask>($$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsScheduledTask
            metadata: {name: once}
            spec:
              scheduleExpression: "at({{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}})"
              target:
                arn: arn:aws:ecs:us-east-1:123456789012:cluster/default
                ecsParameters: {taskDefinitionArn: web, taskCount: 1}
            """);

        var stopped = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "once"),
            x => x?.Status?.Runs is [{ LastStatus: "STOPPED" }],
            "the run STOPPED", TimeSpan.FromSeconds(90));

        var run = Assert.Single(stopped!.Status.Runs!);
        var task = Assert.Single(run.Tasks!);
        Assert.Equal("TaskFailedToStart", task.StopCode);
        Assert.StartsWith("Task failed to start: Kubernetes refused its pod for 15s: ", task.StoppedReason, StringComparison.Ordinal);
        Assert.Contains($"exceeded quota: {Quota}", task.StoppedReason, StringComparison.Ordinal);
        var admitted = OperatorScenario.ConditionOf(stopped.Status.Conditions, ConditionTypes.PodsAdmitted);
        Assert.Equal(("False", ConditionReasons.PodsRefused), (admitted?.Status, admitted?.Reason));
        Assert.Contains($"run {run.JobName}", admitted!.Message, StringComparison.Ordinal);
        var job = Assert.Single((await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items);
        Assert.Equal(0, job.Spec.Parallelism);
    }

    /// <summary>A quota of zero pods, once the quota controller has computed its usage (admission refuses "status unknown" otherwise).</summary>
    private static async Task RefusePodsAsync(OperatorScenario s)
    {
        await s.Client.CoreV1.CreateNamespacedResourceQuotaAsync(
            new V1ResourceQuota
            {
                Metadata = new V1ObjectMeta { Name = Quota },
                Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["pods"] = new("0") } },
            },
            s.Namespace);
        await Eventually.ValueAsync(
            () => s.Client.CoreV1.ReadNamespacedResourceQuotaAsync(Quota, s.Namespace),
            q => q.Status?.Hard?.ContainsKey("pods") == true && q.Status.Used?.ContainsKey("pods") == true,
            "the quota's usage computed",
            TimeSpan.FromSeconds(60));
    }
}
