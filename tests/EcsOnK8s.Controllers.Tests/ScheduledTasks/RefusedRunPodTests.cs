using System.Globalization;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.ScheduledTasks;

/// <summary>A scheduled run whose Job cannot create its pod: PodsAdmitted on the schedule, and the run stopped past the start timeout.</summary>
public class RefusedRunPodTests
{
    private const string Uid = "uid-EcsScheduledTask-nightly";
    private const string Refusal = "Error creating: pods \"nightly-29496000-abcde\" is forbidden: exceeded quota: no-pods, requested: pods=1, used: pods=0, limited: pods=0";

    // The last day of the month at 09:00 UTC: the operator times it (no five-field cron says "last day").
    private static readonly DateTimeOffset Fire = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);

    private static readonly TaskOptions Options = new()
    {
        RefusalGrace = TimeSpan.FromSeconds(5), RefusalLookout = TimeSpan.FromSeconds(15), RefusalRecheck = TimeSpan.FromSeconds(10), StartTimeout = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task ReconcileAsync_RunWithoutPodRefused_PodsAdmittedFalseNamingTheRunAndLooksAgain()
    {
        var refusals = new FakePodRefusals(Refusal);
        await using var world = await World(Schedule(), RunJob());
        world.Time.SetUtcNow(Fire.AddSeconds(6));

        var result = await Reconcile(world, refusals);

        Assert.Equal((ReconcileOutcome.RequeueAfter, TimeSpan.FromSeconds(10)), (result.Outcome, result.Delay));
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        var admitted = Conditions.Find(status.Conditions, ConditionTypes.PodsAdmitted);
        Assert.Equal(("False", ConditionReasons.PodsRefused), (admitted?.Status, admitted?.Reason));
        Assert.Equal($"Kubernetes refuses the pod of run {RunJobName}: {Refusal}", admitted?.Message);
        Assert.Equal(TaskStatusCalculator.Provisioning, Assert.Single(status.Runs!).LastStatus);
        Assert.Empty(world.Writer.Patched);
    }

    /// <summary>Reported refused since the look within the lookout, the run is looked at until the start timeout.</summary>
    [Fact]
    public async Task ReconcileAsync_RunRefusedPastTheStartTimeout_StoppedTaskFailedToStart()
    {
        var refusals = new FakePodRefusals(Refusal);
        await using var world = await World(Schedule(refused: true), RunJob());
        world.Time.SetUtcNow(Fire.AddMinutes(6));

        await Reconcile(world, refusals);

        var patch = Assert.Single(world.Writer.Patched);
        Assert.Equal(RunJobName, patch.Key.Name);
        Assert.Contains("\"parallelism\":0", patch.Patch, StringComparison.Ordinal);
        var run = Assert.Single(world.Writer.LastStatus<EcsScheduledTaskStatus>().Runs!);
        Assert.Equal(TaskStatusCalculator.Stopped, run.LastStatus);
        var task = Assert.Single(run.Tasks!);
        Assert.Equal(("TaskFailedToStart", $"Task failed to start: Kubernetes refused its pod for 5m: {Refusal}"), (task.StopCode, task.StoppedReason));
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Warning, Reason: "TaskFailedToStart" } && e.Message.StartsWith($"run {RunJobName} stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconcileAsync_RunWithoutPodPastTheLookoutNeverRefused_EventsNotRead()
    {
        // A bare API server has no Job controller: its runs never get a pod, and no schedule should poll for them.
        var refusals = new FakePodRefusals(null);
        await using var world = await World(Schedule(), RunJob());
        world.Time.SetUtcNow(Fire.AddMinutes(1));

        var result = await Reconcile(world, refusals);

        Assert.Equal(0, refusals.Calls);
        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
        Assert.True(result.Delay > TimeSpan.FromHours(1));
        Assert.Null(Conditions.Find(world.Writer.LastStatus<EcsScheduledTaskStatus>().Conditions, ConditionTypes.PodsAdmitted));
    }

    [Fact]
    public async Task ReconcileAsync_PodCreatedAfterARefusal_PodsAdmittedTrue()
    {
        var refusals = new FakePodRefusals(Refusal);
        var job = RunJob();
        await using var world = await World(Schedule(refused: true), job, Pod(job));
        world.Time.SetUtcNow(Fire.AddMinutes(2));

        await Reconcile(world, refusals);

        Assert.Equal(0, refusals.Calls);
        var admitted = Conditions.Find(world.Writer.LastStatus<EcsScheduledTaskStatus>().Conditions, ConditionTypes.PodsAdmitted);
        Assert.Equal(("True", ConditionReasons.PodsCreated), (admitted?.Status, admitted?.Reason));
    }

    private static string RunJobName => ScheduledTaskReconciler.RunJobName("nightly", Fire);

    private static Task<ReconcileResult> Reconcile(ReconcilerWorld world, IPodRefusals refusals) =>
        new ScheduledTaskReconciler(world.Informers, world.CronJobs, world.Writer, world.Events, world.Capabilities, world.Time, null, refusals, Options)
            .ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

    private static Task<ReconcilerWorld> World(EcsScheduledTask schedule, params object[] more)
    {
        var td = Seeds.TaskDefinition();
        return ReconcilerWorld.StartAsync([Seeds.Cluster(), td, Seeds.Revision(td, 1), schedule, .. more]);
    }

    private static V1Job RunJob() => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta
        {
            Name = RunJobName,
            NamespaceProperty = Seeds.Namespace,
            Uid = "uid-run",
            CreationTimestamp = Fire.UtcDateTime,
            Labels = new Dictionary<string, string> { [WellKnownLabels.ScheduledTask] = "nightly", [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
            Annotations = new Dictionary<string, string> { [WellKnownAnnotations.ScheduledTime] = Fire.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
            OwnerReferences = [new V1OwnerReference { ApiVersion = EcsApi.ApiVersion, Kind = EcsScheduledTask.KindName, Name = "nightly", Uid = Uid, Controller = true }],
        },
        Spec = new V1JobSpec { Parallelism = 1, Completions = 1, Template = new V1PodTemplateSpec() },
        Status = new V1JobStatus(),
    };

    private static V1Pod Pod(V1Job job) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = job.Metadata.Name + "-abcde",
            NamespaceProperty = Seeds.Namespace,
            CreationTimestamp = Fire.UtcDateTime.AddMinutes(1),
            Labels = new Dictionary<string, string> { [WellKnownLabels.ScheduledTask] = "nightly", [WellKnownLabels.JobName] = job.Metadata.Name },
        },
        Status = new V1PodStatus { Phase = "Pending" },
    };

    private static EcsScheduledTask Schedule(bool refused = false)
    {
        var schedule = KubernetesJson.Deserialize<EcsScheduledTask>($$"""
            {"apiVersion": "{{EcsApi.ApiVersion}}", "kind": "EcsScheduledTask",
             "metadata": {"name": "nightly", "namespace": "{{Seeds.Namespace}}", "uid": "{{Uid}}", "generation": 1, "creationTimestamp": "2026-01-01T00:00:00Z"},
             "spec": {"cluster": "prod", "scheduleExpression": "cron(0 9 L * ? *)",
                      "target": {"arn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "ecsParameters": {"taskDefinitionArn": "web"} } },
             "status": {"observedGeneration": 1, "lastScheduleTime": "2026-01-31T09:00:00Z"} }
            """);
        if (refused)
        {
            schedule.Status!.Conditions = Conditions.Set(null, ConditionTypes.PodsAdmitted, false, ConditionReasons.PodsRefused, "refused", 1, Fire.UtcDateTime);
        }

        return schedule;
    }
}
