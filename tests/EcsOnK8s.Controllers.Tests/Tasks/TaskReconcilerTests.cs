using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Tasks;

public class TaskReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_NotStartedYet_StartsOneJobAndRecordsTheRevision()
    {
        var td = Seeds.TaskDefinition();
        var task = Seeds.Task();
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), task);

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var job = Assert.Single(world.Writer.Applied, a => a.Child is V1Job);
        Assert.Same(task, job.Owner);
        Assert.Equal("web:1", world.Writer.LastStatus<EcsTaskStatus>().TaskDefinition);
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Normal, Reason: "TasksStarted" });
    }

    [Fact]
    public async Task ReconcileAsync_JobsAlreadyExist_NeverStartsTheTaskAgain()
    {
        var td = Seeds.TaskDefinition();
        var task = Seeds.Task();
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta
            {
                Name = "once-1",
                NamespaceProperty = Seeds.Namespace,
                Uid = "uid-job",
                Annotations = new Dictionary<string, string> { [WellKnownAnnotations.TaskDefinition] = "web:1" },
                OwnerReferences = [new V1OwnerReference { ApiVersion = EcsApi.ApiVersion, Kind = "EcsTask", Name = "once", Uid = task.Metadata.Uid, Controller = true }],
            },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec() },
        };
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 2), task, job);

        await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        // The Job runs web:1, which is gone: nothing is started again (not with the latest revision either).
        Assert.Empty(world.Writer.Applied);
        Assert.DoesNotContain(world.Events.All, e => e.Reason == "TasksStarted");
        var status = world.Writer.LastStatus<EcsTaskStatus>();
        Assert.Equal("web:1", status.TaskDefinition);
        Assert.Single(status.Tasks ?? []);
    }

    [Fact]
    public async Task ReconcileAsync_StoppedBetweenTheJobsOfOneStart_CreatesTheMissingJobsOnce()
    {
        // What a crash after the first of two Jobs leaves: one Job, no status.
        var td = Seeds.TaskDefinition();
        var task = Seeds.Task("""{"cluster": "prod", "taskDefinition": "web", "count": 2}""");
        var first = new V1Job
        {
            Metadata = new V1ObjectMeta
            {
                Name = "once-1",
                NamespaceProperty = Seeds.Namespace,
                Uid = "uid-job",
                Annotations = new Dictionary<string, string> { [WellKnownAnnotations.TaskDefinition] = "web:1" },
                OwnerReferences = [new V1OwnerReference { ApiVersion = EcsApi.ApiVersion, Kind = "EcsTask", Name = "once", Uid = task.Metadata.Uid, Controller = true }],
            },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec() },
        };
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), task, first);

        await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(["once-1", "once-2"], world.Writer.AppliedOf<V1Job>().Select(j => j.Metadata.Name).Order(StringComparer.Ordinal));
        var started = Assert.Single(world.Events.All, e => e.Reason == "TasksStarted");
        Assert.Contains("started 1 tasks", started.Message, StringComparison.Ordinal);
        var status = world.Writer.LastStatus<EcsTaskStatus>();
        Assert.Equal("web:1", status.TaskDefinition);
        Assert.NotNull(status.Translation);
    }

    [Fact]
    public async Task ReconcileAsync_TaskDefinitionFamilyMissing_WaitsAndSaysWhy()
    {
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), Seeds.Task());

        var result = await Reconciler(world).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        Assert.Empty(world.Writer.Applied);
        Assert.Equal(ConditionReasons.TaskDefinitionNotFound,
            Conditions.Find(world.Writer.LastStatus<EcsTaskStatus>().Conditions, ConditionTypes.Ready)?.Reason);
    }

    private static TaskReconciler Reconciler(ReconcilerWorld world) =>
        new(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time);
}
