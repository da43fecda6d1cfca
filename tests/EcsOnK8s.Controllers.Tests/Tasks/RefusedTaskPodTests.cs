using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Tasks;

/// <summary>A task whose Job cannot create its pod: PodsAdmitted from the Job's events, and a stop past the start timeout.</summary>
public class RefusedTaskPodTests
{
    private const string Refusal = "Error creating: pods \"once-1-abcde\" is forbidden: exceeded quota: no-pods, requested: pods=1, used: pods=0, limited: pods=0";

    private static readonly TaskOptions Options = new()
    {
        RefusalGrace = TimeSpan.FromSeconds(5), RefusalLookout = TimeSpan.FromSeconds(15), RefusalRecheck = TimeSpan.FromSeconds(10), StartTimeout = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task ReconcileAsync_NoPodPastGraceAndRefused_PodsAdmittedFalseWithTheMessage()
    {
        var refusals = new FakePodRefusals(Refusal);
        await using var world = await World(Job(age: TimeSpan.FromMinutes(1)));

        var result = await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal((ReconcileOutcome.RequeueAfter, TimeSpan.FromSeconds(10)), (result.Outcome, result.Delay));
        var status = world.Writer.LastStatus<EcsTaskStatus>();
        var admitted = Conditions.Find(status.Conditions, ConditionTypes.PodsAdmitted);
        Assert.Equal(("False", ConditionReasons.PodsRefused), (admitted?.Status, admitted?.Reason));
        Assert.Equal($"Kubernetes refuses the pod of task once-1: {Refusal}", admitted?.Message);
        Assert.Equal(TaskStatusCalculator.Provisioning, Assert.Single(status.Tasks!).LastStatus);
        Assert.Empty(world.Writer.Patched);
    }

    [Fact]
    public async Task ReconcileAsync_NoPodWithinGrace_NoEventsReadWaitsForTheGrace()
    {
        var refusals = new FakePodRefusals(Refusal);
        await using var world = await World(Job(age: TimeSpan.FromSeconds(2)));

        var result = await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal((ReconcileOutcome.RequeueAfter, TimeSpan.FromSeconds(3)), (result.Outcome, result.Delay));
        Assert.Equal(0, refusals.Calls);
        Assert.Null(Conditions.Find(world.Writer.LastStatus<EcsTaskStatus>().Conditions, ConditionTypes.PodsAdmitted));
    }

    [Fact]
    public async Task ReconcileAsync_RefusedPastTheStartTimeout_StopsTheJobTaskFailedToStart()
    {
        var refusals = new FakePodRefusals(Refusal);
        await using var world = await World(Job(age: TimeSpan.FromMinutes(6)));

        var result = await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var patch = Assert.Single(world.Writer.Patched);
        Assert.Equal("once-1", patch.Key.Name);
        Assert.Contains("\"parallelism\":0", patch.Patch, StringComparison.Ordinal);
        Assert.Contains(WellKnownAnnotations.StoppedReason, patch.Patch, StringComparison.Ordinal);
        var status = world.Writer.LastStatus<EcsTaskStatus>();
        var stopped = Assert.Single(status.Tasks!);
        Assert.Equal((TaskStatusCalculator.Stopped, TaskStatusCalculator.Stopped, "TaskFailedToStart"), (stopped.LastStatus, stopped.DesiredStatus, stopped.StopCode));
        Assert.Equal($"Task failed to start: Kubernetes refused its pod for 5m: {Refusal}", stopped.StoppedReason);
        Assert.Equal(world.Time.GetUtcNow().UtcDateTime, stopped.StoppedAt);
        Assert.Equal(TaskStatusCalculator.Stopped, status.LastStatus);
        Assert.True(Conditions.IsTrue(status.Conditions, ConditionTypes.Degraded));
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Warning, Reason: "TaskFailedToStart" });
    }

    [Fact]
    public async Task ReconcileAsync_JobStoppedEarlier_StoppedFromItsAnnotationsWithoutReadingEvents()
    {
        var refusals = new FakePodRefusals(Refusal);
        var job = Job(age: TimeSpan.FromMinutes(7));
        job.Metadata.Annotations[WellKnownAnnotations.StoppedReason] = "Task failed to start: refused";
        job.Metadata.Annotations[WellKnownAnnotations.StoppedAt] = "2025-12-31T23:55:00Z";
        await using var world = await World(job);

        var result = await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        Assert.Equal(0, refusals.Calls);
        Assert.Empty(world.Writer.Patched);
        var status = world.Writer.LastStatus<EcsTaskStatus>();
        var stopped = Assert.Single(status.Tasks!);
        Assert.Equal(("TaskFailedToStart", "Task failed to start: refused"), (stopped.StopCode, stopped.StoppedReason));
        Assert.Equal(new DateTime(2025, 12, 31, 23, 55, 0, DateTimeKind.Utc), stopped.StoppedAt);
        Assert.Equal("False", Conditions.Find(status.Conditions, ConditionTypes.PodsAdmitted)?.Status);
    }

    [Fact]
    public async Task ReconcileAsync_PodCreatedAfterARefusal_PodsAdmittedTrue()
    {
        var refusals = new FakePodRefusals(Refusal);
        var job = Job(age: TimeSpan.FromMinutes(2));
        var task = Task();
        task.Status!.Conditions = Conditions.Set(null, ConditionTypes.PodsAdmitted, false, ConditionReasons.PodsRefused, "refused", 1, DateTime.UnixEpoch);
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), task, job, Pod(job));

        await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(0, refusals.Calls);
        var admitted = Conditions.Find(world.Writer.LastStatus<EcsTaskStatus>().Conditions, ConditionTypes.PodsAdmitted);
        Assert.Equal(("True", ConditionReasons.PodsCreated), (admitted?.Status, admitted?.Reason));
    }

    [Theory]
    [InlineData(6, 9)]
    [InlineData(14, 1)]
    public async Task ReconcileAsync_NoPodNothingRefusedBeforeTheLookout_LooksOnceMoreAtTheLookout(int ageSeconds, int recheckSeconds)
    {
        var refusals = new FakePodRefusals(null);
        await using var world = await World(Job(age: TimeSpan.FromSeconds(ageSeconds)));

        var result = await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal((ReconcileOutcome.RequeueAfter, TimeSpan.FromSeconds(recheckSeconds)), (result.Outcome, result.Delay));
        Assert.Equal(1, refusals.Calls);
    }

    [Fact]
    public async Task ReconcileAsync_NoPodNothingRefusedPastTheLookout_NotPolledAgain()
    {
        var refusals = new FakePodRefusals(null);
        await using var world = await World(Job(age: TimeSpan.FromSeconds(16)));

        var result = await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        Assert.Null(Conditions.Find(world.Writer.LastStatus<EcsTaskStatus>().Conditions, ConditionTypes.PodsAdmitted));
    }

    [Fact]
    public async Task ReconcileAsync_NoPodNothingRefusedPastTheTimeout_LeftToTheJobController()
    {
        var refusals = new FakePodRefusals(null);
        await using var world = await World(Job(age: TimeSpan.FromMinutes(6)));

        var result = await Reconciler(world, refusals).ReconcileAsync(ReconcilerWorld.Key("once"), CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        Assert.Empty(world.Writer.Patched);
        Assert.Null(Conditions.Find(world.Writer.LastStatus<EcsTaskStatus>().Conditions, ConditionTypes.PodsAdmitted));
    }

    private static TaskReconciler Reconciler(ReconcilerWorld world, IPodRefusals refusals) =>
        new(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time, refusals, Options);

    private static Task<ReconcilerWorld> World(V1Job job) => ReconcilerWorld.StartAsync(Seeds.Cluster(), Task(), job);

    /// <summary>A task that started: its status names the revision, so the reconciler only reports.</summary>
    private static EcsTask Task()
    {
        var task = Seeds.Task();
        task.Status = new EcsTaskStatus { TaskDefinition = "web:1" };
        return task;
    }

    private static V1Job Job(TimeSpan age) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "once-1",
            NamespaceProperty = Seeds.Namespace,
            Uid = "uid-job",
            CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) - age,
            Annotations = new Dictionary<string, string> { [WellKnownAnnotations.TaskDefinition] = "web:1" },
            OwnerReferences = [new V1OwnerReference { ApiVersion = EcsApi.ApiVersion, Kind = "EcsTask", Name = "once", Uid = "uid-EcsTask-once", Controller = true }],
        },
        Spec = new V1JobSpec { Template = new V1PodTemplateSpec() },
    };

    private static V1Pod Pod(V1Job job) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "once-1-abcde",
            NamespaceProperty = Seeds.Namespace,
            Labels = new Dictionary<string, string> { [WellKnownLabels.Task] = "once", [WellKnownLabels.JobName] = job.Metadata.Name },
        },
        Status = new V1PodStatus { Phase = "Pending" },
    };
}
