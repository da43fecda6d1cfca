using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.ScheduledTasks;

public class ScheduledTaskReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_RegisteredRevision_AppliesTheCronJobAndReportsItsSchedule()
    {
        var td = Seeds.TaskDefinition();
        var schedule = Seeds.Schedule("rate(1 minute)");
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), schedule);

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var applied = Assert.Single(world.Writer.Applied, a => a.Child is V1CronJob);
        Assert.Same(schedule, applied.Owner);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Equal(((V1CronJob)applied.Child).Spec.Schedule, status.CronSchedule);
        Assert.True(Conditions.IsTrue(status.Conditions, ConditionTypes.Ready));
        Assert.Contains("web:1", Conditions.Find(status.Conditions, ConditionTypes.Ready)?.Message, StringComparison.Ordinal);
        Assert.Contains(ResourceTypes.CronJob, Assert.Single(world.Writer.Pruned).Kinds);
    }

    [Fact]
    public async Task ReconcileAsync_ClusterInvalid_DegradedWithoutWritingChildren()
    {
        var td = Seeds.TaskDefinition();
        await using var world = await ReconcilerWorld.StartAsync(
            Seeds.Cluster(spec: """{"storage": {"sharedVolumeSize": "lots"}}"""), td, Seeds.Revision(td, 1), Seeds.Schedule());

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.TerminalError, result.Outcome);
        Assert.Empty(world.Writer.Applied);
        Assert.Equal(ConditionReasons.ClusterInvalid,
            Conditions.Find(world.Writer.LastStatus<EcsScheduledTaskStatus>().Conditions, ConditionTypes.Degraded)?.Reason);
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Warning, Reason: ConditionReasons.ClusterInvalid });
    }

    [Fact]
    public async Task ReconcileAsync_TaskDefinitionNotYetSeenByItsController_WaitsForItsDecisionWithoutAnyWrite()
    {
        var td = Seeds.TaskDefinition(seen: false);
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Schedule());
        var reconciler = Reconciler(world);

        var result = await reconciler.ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

        Assert.Equal((ReconcileOutcome.RequeueAfter, TaskDefinitionWaiters.SafetyNet), (result.Outcome, result.Delay));
        Assert.Empty(world.Writer.Statuses);

        // The task definition's status write that records its decision queues the schedule, once.
        var decided = KubernetesJson.Deserialize<EcsTaskDefinition>(KubernetesJson.Serialize(td));
        decided.Status = new EcsTaskDefinitionStatus { ObservedGeneration = td.Metadata.Generation };
        Assert.Equal([ReconcilerWorld.Key("nightly")], reconciler.Waiters.Release(decided));
        Assert.Empty(reconciler.Waiters.Release(decided));
    }

    [Fact]
    public async Task ReconcileAsync_RevisionRegisteredButNotYetConfirmed_AppliesTheCronJobAndWaitsForTheDecision()
    {
        var td = Seeds.TaskDefinition(seen: false);
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), Seeds.Schedule("rate(1 minute)"));
        var reconciler = Reconciler(world);

        var result = await reconciler.ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

        Assert.Single(world.Writer.Applied, a => a.Child is V1CronJob);
        Assert.Equal((ReconcileOutcome.RequeueAfter, TaskDefinitionWaiters.SafetyNet), (result.Outcome, result.Delay));
        Assert.Equal(1, reconciler.Waiters.Count);
    }

    [Theory]
    [InlineData("taskDefinitionArn", "arn:aws:ecs:eu-west-1:123456789012:service/prod/web")]
    [InlineData("taskDefinition", "web:0")]
    public async Task ReconcileAsync_MalformedTaskDefinitionReference_DegradedNamingTheFieldTheUserWrote(string member, string value)
    {
        var td = Seeds.TaskDefinition();
        var schedule = Seeds.Schedule();
        schedule.Spec.Target!.EcsParameters!.TaskDefinitionArn = null;
        if (member == "taskDefinitionArn")
        {
            schedule.Spec.Target.EcsParameters.TaskDefinitionArn = value;
        }
        else
        {
            schedule.Spec.Target.EcsParameters.TaskDefinition = value;
        }

        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), schedule);

        await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

        Assert.Empty(world.Writer.Applied);
        var degraded = Conditions.Find(world.Writer.LastStatus<EcsScheduledTaskStatus>().Conditions, ConditionTypes.Degraded);
        Assert.Equal(ConditionReasons.InvalidSpec, degraded?.Reason);
        Assert.StartsWith($"spec.target.ecsParameters.{member} '{value}'", degraded?.Message, StringComparison.Ordinal);
    }

    private static ScheduledTaskReconciler Reconciler(ReconcilerWorld world) =>
        new(world.Informers, world.CronJobs, world.Writer, world.Events, world.Capabilities, world.Time);
}
