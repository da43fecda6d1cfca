using System.Globalization;
using System.Net;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Controllers.Tests.Support;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.ScheduledTasks;

/// <summary>Schedules no CronJob runs exactly: the reconciler creates their runs' Jobs at the fire times.</summary>
public class OperatorTimedScheduleTests
{
    private const string Uid = "uid-EcsScheduledTask-nightly";

    // The last day of the month at 09:00 UTC: no five-field cron says "last day".
    private const string LastDay = "cron(0 9 L * ? *)";

    private static readonly DateTimeOffset JanuaryLast = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReconcileAsync_FireTimeDue_CreatesOneJobNamedAfterTheFireTimeAndWritesNothingElse()
    {
        await using var world = await World(Schedule(LastDay));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));

        var result = await Reconcile(world);

        var (job, owner) = Assert.Single(world.Writer.Created);
        Assert.Equal(Uid, owner.Metadata.Uid);
        var name = "nightly-" + (JanuaryLast.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(name, job.Metadata.Name);
        Assert.Equal("2026-01-31T09:00:00Z", job.Metadata.Annotations[WellKnownAnnotations.ScheduledTime]);
        Assert.Equal("nightly", job.Metadata.Labels[WellKnownLabels.ScheduledTask]);
        Assert.Empty(world.Writer.AppliedOf<V1CronJob>());

        // The status waits for the Job's arrival in the cache (its own pass, below): the fire time costs one POST.
        Assert.Empty(world.Writer.Statuses);

        // Queued again for the next fire time, so that it starts on time.
        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
        Assert.Equal(ScheduledTaskReconciler.LongestWait, result.Delay);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 2, 28, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromHours(1), (await Reconcile(world)).Delay);
    }

    [Fact]
    public async Task ReconcileAsync_RunJobArrivedInTheCache_StatusWithTheRunAndTheNextFireTime()
    {
        await using var first = await World(Schedule(LastDay));
        first.Time.SetUtcNow(JanuaryLast.AddSeconds(1));
        await Reconcile(first);
        await using var second = await World(Schedule(LastDay), Arrived(first));
        second.Time.SetUtcNow(JanuaryLast.AddSeconds(2));

        await Reconcile(second);

        Assert.Empty(second.Writer.Created);
        var status = second.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Equal(EcsScheduledTaskStatus.OperatorMode, status.Mode);
        Assert.Equal(JanuaryLast.UtcDateTime, status.LastScheduleTime);
        Assert.Equal(new DateTime(2026, 2, 28, 9, 0, 0, DateTimeKind.Utc), status.NextScheduleTime);
        var run = Assert.Single(status.Runs ?? []);
        Assert.Equal((RunJobName(JanuaryLast), JanuaryLast.UtcDateTime, "PROVISIONING"), (run.JobName, run.ScheduledTime, run.LastStatus));
        Assert.Equal(ConditionReasons.ScheduleActive, Conditions.Find(status.Conditions, ConditionTypes.Ended)?.Reason);
    }

    [Fact]
    public async Task ReconcileAsync_RunJobRefused_DegradedWithTheServersReasonAndNextFireTimeStillQueued()
    {
        await using var world = await World(Schedule(LastDay));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));
        world.Writer.FailApply = child => child is V1Job
            ? new KubernetesApiException(HttpStatusCode.UnprocessableEntity, new V1Status { Message = "spec.template: Invalid value" }, "refused")
            : null;

        var result = await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        var degraded = Conditions.Find(world.Writer.LastStatus<EcsScheduledTaskStatus>().Conditions, ConditionTypes.Degraded);
        Assert.Equal(("True", ConditionReasons.ChildRejected), (degraded?.Status, degraded?.Reason));
        Assert.Contains("spec.template: Invalid value", degraded?.Message, StringComparison.Ordinal);
        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
    }

    [Fact]
    public async Task ReconcileAsync_BeforeTheFireTime_NothingCreatedAndRequeuedForIt()
    {
        await using var world = await World(Schedule(LastDay));
        world.Time.SetUtcNow(JanuaryLast.AddMinutes(-3));

        var result = await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        Assert.Equal(TimeSpan.FromMinutes(3), result.Delay);
        Assert.Equal(JanuaryLast.UtcDateTime, world.Writer.LastStatus<EcsScheduledTaskStatus>().NextScheduleTime);
    }

    [Fact]
    public async Task ReconcileAsync_SecondPassAndRestart_NeverASecondJobForTheFireTime()
    {
        await using var world = await World(Schedule(LastDay));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));
        await Reconcile(world);
        world.Time.Advance(TimeSpan.FromSeconds(20));

        // The cache has not seen the Job yet: the create is tried and finds the name taken.
        await Reconcile(world);

        // A restarted operator (or a new leader) sees the Job in its cache and creates nothing.
        await using var restarted = await World(Schedule(LastDay), Arrived(world));
        restarted.Time.SetUtcNow(JanuaryLast.AddSeconds(40));
        await Reconcile(restarted);

        Assert.Empty(restarted.Writer.Created);
        Assert.Equal(JanuaryLast.UtcDateTime, restarted.Writer.LastStatus<EcsScheduledTaskStatus>().LastScheduleTime);
    }

    [Fact]
    public async Task ReconcileAsync_DownLongerThanTheCatchUpWindow_LatestDueRunsOnceOlderCountedAsMissed()
    {
        // Every 10 minutes in 2026 (the year field makes it operator-timed); last run 08:00, back at 09:02.
        var schedule = Schedule("cron(0/10 * * * ? 2026)", status: """{"lastScheduleTime": "2026-03-02T08:00:00Z"}""");
        await using var world = await World(schedule);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 2, 0, TimeSpan.Zero));

        await Reconcile(world);

        var job = Assert.Single(world.Writer.Created).Child;
        Assert.Equal("2026-03-02T09:00:00Z", job.Metadata.Annotations[WellKnownAnnotations.ScheduledTime]);
        var missed = world.Writer.LastStatus<EcsScheduledTaskStatus>().MissedRuns!;
        Assert.Equal(5, missed.Count);
        Assert.Equal([.. Enumerable.Range(1, 5).Select(i => new DateTime(2026, 3, 2, 8, 10 * i, 0, DateTimeKind.Utc))], missed.Recent);
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Warning, Reason: "RunsMissed" });
    }

    [Fact]
    public async Task ReconcileAsync_CacheBehindItsOwnStatusWrite_CountsKeptNotRegressed()
    {
        var schedule = Schedule("cron(0/10 * * * ? 2026)", status: """{"lastScheduleTime": "2026-03-02T08:00:00Z"}""");
        await using var world = await World(schedule);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 2, 0, TimeSpan.Zero));
        var reconciler = new ScheduledTaskReconciler(world.Informers, world.CronJobs, world.Writer, world.Events, world.Capabilities, world.Time);
        await reconciler.ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);
        var written = world.Writer.Statuses.Count;

        // The cache still holds the status of before the first pass (this world's caches never see writes).
        world.Time.Advance(TimeSpan.FromSeconds(5));
        await reconciler.ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

        Assert.Single(world.Writer.Created);
        Assert.Equal(written + 1, world.Writer.Statuses.Count);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Equal(5, status.MissedRuns?.Count);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), status.LastScheduleTime);
        Assert.Single(world.Events.All, e => e.Reason == "RunsMissed");
    }

    [Fact]
    public async Task ReconcileAsync_LatestFireTimeOlderThanTheCatchUpWindow_MissedNotRun()
    {
        var schedule = Schedule("cron(0/10 * * * ? 2026)", status: """{"lastScheduleTime": "2026-03-02T08:50:00Z"}""");
        await using var world = await World(schedule);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 3, 0, TimeSpan.Zero));

        await Reconcile(world, new ScheduledTaskOptions { CatchUpWindow = TimeSpan.FromMinutes(2) });

        Assert.Empty(world.Writer.Created);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Equal(1, status.MissedRuns!.Count);
        Assert.Equal([new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)], status.MissedRuns.Recent);
    }

    [Fact]
    public async Task ReconcileAsync_OlderThanTheMaximumEventAge_DroppedAndRecorded()
    {
        var schedule = Schedule(LastDay, target: """ "retryPolicy": {"maximumEventAgeInSeconds": 60}, """);
        await using var world = await World(schedule);
        world.Time.SetUtcNow(JanuaryLast.AddMinutes(2));

        await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        var dropped = world.Writer.LastStatus<EcsScheduledTaskStatus>().DroppedRuns!;
        Assert.Equal(1, dropped.Count);
        Assert.Equal([JanuaryLast.UtcDateTime], dropped.Recent);
        Assert.Contains(world.Events.All, e => e is { Type: EventType.Warning, Reason: "RunDropped" });
    }

    [Fact]
    public async Task ReconcileAsync_Disabled_NoRunAndNoNextFireTime()
    {
        await using var world = await World(Schedule(LastDay, fields: """ "state": "DISABLED", """));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));

        var result = await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Null(status.NextScheduleTime);
        Assert.Equal(ConditionReasons.ScheduleDisabled, Conditions.Find(status.Conditions, ConditionTypes.Ended)?.Reason);
    }

    [Fact]
    public async Task ReconcileAsync_EnabledAgain_FireTimesWhileDisabledNeitherRunNorMissed()
    {
        // Disabled since before 08:00 (its last pass said so); enabled again at 09:02.
        var schedule = Schedule("cron(0/10 * * * ? 2026)", status: """
            {"lastScheduleTime": "2026-03-02T07:50:00Z",
             "conditions": [{"type": "Ended", "status": "False", "reason": "ScheduleDisabled", "message": "", "lastTransitionTime": "2026-03-02T07:55:00Z"}]}
            """);
        await using var world = await World(schedule);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 2, 0, TimeSpan.Zero));

        await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Null(status.MissedRuns);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 2, 0, DateTimeKind.Utc), status.ActiveSince);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 10, 0, DateTimeKind.Utc), status.NextScheduleTime);
    }

    [Fact]
    public async Task ReconcileAsync_SpecChanged_EarlierFireTimesNeitherRunNorMissedLaterOnesRun()
    {
        // Monthly until the edit (generation 2, not yet observed) made it every 10 minutes, at 09:02.
        var schedule = Schedule("cron(0/10 * * * ? 2026)", generation: 2, status: """{"observedGeneration": 1, "lastScheduleTime": "2026-02-28T09:00:00Z"}""");
        await using var world = await World(schedule);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 2, 0, TimeSpan.Zero));

        var result = await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Null(status.MissedRuns);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 2, 0, DateTimeKind.Utc), status.ActiveSince);
        Assert.Equal(TimeSpan.FromMinutes(8), result.Delay);

        await using var next = await World(Schedule("cron(0/10 * * * ? 2026)", generation: 2, status: KubernetesJson.Serialize(status)));
        next.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero));
        await Reconcile(next);
        Assert.Equal("2026-03-02T09:10:00Z", Assert.Single(next.Writer.Created).Child.Metadata.Annotations[WellKnownAnnotations.ScheduledTime]);
    }

    [Fact]
    public async Task ReconcileAsync_AtRestBetweenFireTimes_WritesNothing()
    {
        await using var first = await World(Schedule(LastDay));
        first.Time.SetUtcNow(JanuaryLast.AddSeconds(1));
        await Reconcile(first);
        var job = Arrived(first);
        await using var second = await World(Schedule(LastDay), job);
        second.Time.SetUtcNow(JanuaryLast.AddSeconds(2));
        await Reconcile(second);
        var written = KubernetesJson.Serialize(second.Writer.LastStatus<EcsScheduledTaskStatus>());

        // The status that pass wrote, and the Job, as the caches hold them afterwards; later passes before the next
        // fire time (a resync, a requeue) find nothing to do.
        await using var later = await World(Schedule(LastDay, status: written), job);
        foreach (var at in new[] { JanuaryLast.AddMinutes(10), JanuaryLast.AddDays(14) })
        {
            later.Time.SetUtcNow(at);
            await Reconcile(later);
        }

        Assert.Empty(later.Writer.Created);
        Assert.Empty(later.Writer.Statuses);
    }

    [Fact]
    public async Task ReconcileAsync_BeforeTheStartDate_NoRunAndTheFirstFireTimeIsNext()
    {
        await using var world = await World(Schedule(LastDay, fields: """ "startDate": "2026-02-01T00:00:00Z", """));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));

        await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        Assert.Equal(new DateTime(2026, 2, 28, 9, 0, 0, DateTimeKind.Utc), world.Writer.LastStatus<EcsScheduledTaskStatus>().NextScheduleTime);
    }

    [Fact]
    public async Task ReconcileAsync_AfterTheEndDate_NoRunAndEnded()
    {
        await using var world = await World(Schedule(LastDay, fields: """ "endDate": "2026-01-31T08:59:00Z", """));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));

        var result = await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Null(status.NextScheduleTime);
        Assert.True(Conditions.IsTrue(status.Conditions, ConditionTypes.Ended));
    }

    [Fact]
    public void FlexibleOffset_SameInputs_SameOffsetWithinTheWindowAndBeforeTheNextFireTime()
    {
        var window = TimeSpan.FromMinutes(15);
        var offsets = Enumerable.Range(0, 200).Select(i => RunPlanner.FlexibleOffset(Uid, JanuaryLast.AddHours(i), window, null)).ToList();

        Assert.Equal(offsets, Enumerable.Range(0, 200).Select(i => RunPlanner.FlexibleOffset(Uid, JanuaryLast.AddHours(i), window, null)));
        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, window - TimeSpan.FromSeconds(1)));
        Assert.True(offsets.Distinct().Count() > 100, "offsets spread over the window");
        Assert.NotEqual(RunPlanner.FlexibleOffset(Uid, JanuaryLast, window, null), RunPlanner.FlexibleOffset("another-uid", JanuaryLast, window, null));
        Assert.All(Enumerable.Range(0, 50), i =>
            Assert.InRange(RunPlanner.FlexibleOffset(Uid, JanuaryLast.AddMinutes(i), window, JanuaryLast.AddMinutes(i + 5)), TimeSpan.Zero, TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ReconcileAsync_FlexibleWindow_JobCreatedAtTheOffsetNamedByTheNominalFireTime()
    {
        var offset = RunPlanner.FlexibleOffset(Uid, JanuaryLast, TimeSpan.FromMinutes(15), JanuaryLast.AddMonths(1).AddDays(-3));
        Assert.True(offset > TimeSpan.FromSeconds(10), $"this uid's offset ({offset}) leaves room to look before it");
        var schedule = Schedule(LastDay, fields: """ "flexibleTimeWindow": {"mode": "FLEXIBLE", "maximumWindowInMinutes": 15}, """);
        await using var world = await World(schedule);
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));

        var early = await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        Assert.Equal(offset - TimeSpan.FromSeconds(1), early.Delay);

        world.Time.SetUtcNow(JanuaryLast + offset);
        await Reconcile(world);

        var job = Assert.Single(world.Writer.Created).Child;
        Assert.Equal("nightly-" + (JanuaryLast.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture), job.Metadata.Name);
    }

    [Fact]
    public async Task ReconcileAsync_DeleteAfterCompletion_DeletedOnceTheLastRunHasFinished()
    {
        var at = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
        var schedule = Schedule("at(2026-01-10T12:00:00)", fields: """ "actionAfterCompletion": "DELETE", """, status: """{"lastScheduleTime": "2026-01-10T12:00:00Z"}""");
        await using var running = await World(schedule, RunJob(at, finished: false));
        running.Time.SetUtcNow(at.AddMinutes(3));

        await Reconcile(running);

        Assert.Empty(running.Writer.Deleted);
        Assert.True(Conditions.IsTrue(running.Writer.LastStatus<EcsScheduledTaskStatus>().Conditions, ConditionTypes.Ended));

        await using var finished = await World(schedule, RunJob(at, finished: true));
        finished.Time.SetUtcNow(at.AddMinutes(4));

        await Reconcile(finished);

        var deleted = Assert.Single(finished.Writer.Deleted);
        Assert.Equal(("ecsscheduledtasks", ReconcilerWorld.Key("nightly")), (deleted.Type.Plural, deleted.Key));
        Assert.Empty(finished.Writer.Created);
        Assert.Contains(finished.Events.All, e => e.Reason == "ScheduleCompleted");
    }

    [Fact]
    public async Task ReconcileAsync_InvalidTimeZone_DegradedWithTheFieldPath()
    {
        await using var world = await World(Schedule(LastDay, fields: """ "scheduleExpressionTimezone": "Mars/Olympus_Mons", """));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(1));

        var result = await Reconcile(world);

        Assert.Equal(ReconcileOutcome.TerminalError, result.Outcome);
        Assert.Empty(world.Writer.Created);
        var degraded = Conditions.Find(world.Writer.LastStatus<EcsScheduledTaskStatus>().Conditions, ConditionTypes.Degraded);
        Assert.Equal("True", degraded?.Status);
        Assert.StartsWith("scheduledTask.scheduleExpressionTimezone: ", degraded?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_SwitchFromCronJob_AdoptsItsRunAndDoesNotRunTheFireTimeAgain()
    {
        // The schedule was a CronJob (no start date); now it has one, so the operator times it. The CronJob ran 09:00.
        var cronJob = new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new V1ObjectMeta { Name = "nightly", NamespaceProperty = Seeds.Namespace, Uid = "uid-cronjob", OwnerReferences = [Owner(Uid)] },
            Spec = new V1CronJobSpec { Schedule = "0 9 * * *", JobTemplate = new V1JobTemplateSpec() },
        };
        var fire = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var cronRun = RunJob(fire, finished: false, owner: new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = "nightly", Uid = "uid-cronjob", Controller = true });
        cronRun.Metadata.Annotations.Remove(WellKnownAnnotations.ScheduledTime);
        await using var world = await World(Schedule("cron(0 9 * * ? *)", fields: """ "startDate": "2026-01-01T00:00:00Z", """), cronJob, cronRun);
        world.Time.SetUtcNow(fire.AddSeconds(30));

        await Reconcile(world);

        Assert.Empty(world.Writer.Created);
        var adopted = Assert.Single(world.Writer.Patched);
        Assert.Equal((ResourceTypes.Job, cronRun.Metadata.Name), (adopted.Type, adopted.Key.Name));
        Assert.Contains(Uid, adopted.Patch, StringComparison.Ordinal);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Equal(fire.UtcDateTime, status.LastScheduleTime);
        Assert.Equal(cronRun.Metadata.Name, Assert.Single(status.Runs ?? []).JobName);
    }

    [Fact]
    public async Task ReconcileAsync_SwitchToCronJob_TheOperatorsRunStillCountsAndNothingIsCreated()
    {
        // The operator ran 09:00 (a start date made it operator-timed); the start date is removed: a CronJob now,
        // whose Job for 09:00 would have the same name (the CronJob controller finds it taken).
        var fire = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        await using var world = await World(Schedule("cron(0 9 * * ? *)"), RunJob(fire, finished: false));
        world.Time.SetUtcNow(fire.AddSeconds(30));

        await Reconcile(world);

        Assert.Equal("0 9 * * *", Assert.Single(world.Writer.AppliedOf<V1CronJob>()).Spec.Schedule);
        Assert.Empty(world.Writer.Created);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Equal(EcsScheduledTaskStatus.CronJobMode, status.Mode);
        Assert.Equal(fire.UtcDateTime, status.LastScheduleTime);
        Assert.Equal(RunJobName(fire), Assert.Single(status.Runs ?? []).JobName);
        Assert.Equal(fire.AddDays(1).UtcDateTime, status.NextScheduleTime);
    }

    [Fact]
    public async Task ReconcileAsync_MoreThanTenFinishedRuns_DeletesTheOlderOnes()
    {
        var days = Enumerable.Range(1, 12).Select(d => new DateTimeOffset(2026, 1, d, 9, 0, 0, TimeSpan.Zero)).ToList();
        object[] jobs = [.. days.Select(d => RunJob(d, finished: true))];
        await using var world = await World(Schedule("cron(0 9 * * ? 2026)", status: """{"lastScheduleTime": "2026-01-12T09:00:00Z"}"""), jobs);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 1, 12, 12, 0, 0, TimeSpan.Zero));

        await Reconcile(world);

        var pruned = Assert.Single(world.Writer.Pruned, p => p.Kinds.Contains(ResourceTypes.Job));
        Assert.Equal(10, pruned.Desired.Count);
        Assert.DoesNotContain(pruned.Desired, j => j.Metadata.Name == RunJobName(days[0]) || j.Metadata.Name == RunJobName(days[1]));
        Assert.Equal(10, world.Writer.LastStatus<EcsScheduledTaskStatus>().Runs?.Count);
    }

    [Fact]
    public async Task ReconcileAsync_RateEveryMinute_CronJobWithTheNextWholeMinute()
    {
        await using var world = await World(Schedule("rate(1 minute)"));
        world.Time.SetUtcNow(JanuaryLast.AddSeconds(20));

        var result = await Reconcile(world);

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        Assert.Equal("* * * * *", Assert.Single(world.Writer.AppliedOf<V1CronJob>()).Spec.Schedule);
        Assert.Empty(world.Writer.Created);
        var status = world.Writer.LastStatus<EcsScheduledTaskStatus>();
        Assert.Equal(EcsScheduledTaskStatus.CronJobMode, status.Mode);
        Assert.Equal(JanuaryLast.AddMinutes(1).UtcDateTime, status.NextScheduleTime);
    }

    private static Task<ReconcileResult> Reconcile(ReconcilerWorld world, ScheduledTaskOptions? options = null) =>
        new ScheduledTaskReconciler(world.Informers, world.CronJobs, world.Writer, world.Events, world.Capabilities, world.Time, options)
            .ReconcileAsync(ReconcilerWorld.Key("nightly"), CancellationToken.None);

    private static Task<ReconcilerWorld> World(EcsScheduledTask schedule, params object[] more)
    {
        var td = Seeds.TaskDefinition();
        return ReconcilerWorld.StartAsync([Seeds.Cluster(), td, Seeds.Revision(td, 1), schedule, .. more]);
    }

    /// <summary>The Job <paramref name="world"/>'s pass created, as the cache shows it once the API server has it.</summary>
    private static V1Job Arrived(ReconcilerWorld world)
    {
        var job = (V1Job)Assert.Single(world.Writer.Created).Child;
        job.Metadata.Uid = "uid-run";
        job.Metadata.OwnerReferences = [Owner(Uid)];
        job.Metadata.CreationTimestamp = world.Time.GetUtcNow().UtcDateTime;
        return job;
    }

    private static string RunJobName(DateTimeOffset fire) => ScheduledTaskReconciler.RunJobName("nightly", fire);

    private static V1OwnerReference Owner(string uid) =>
        new() { ApiVersion = EcsApi.ApiVersion, Kind = EcsScheduledTask.KindName, Name = "nightly", Uid = uid, Controller = true };

    private static V1Job RunJob(DateTimeOffset fire, bool finished, V1OwnerReference? owner = null) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta
        {
            Name = RunJobName(fire),
            NamespaceProperty = Seeds.Namespace,
            Uid = $"uid-run-{fire.ToUnixTimeSeconds()}",
            CreationTimestamp = fire.UtcDateTime,
            Labels = new Dictionary<string, string> { [WellKnownLabels.ScheduledTask] = "nightly", [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
            Annotations = new Dictionary<string, string> { [WellKnownAnnotations.ScheduledTime] = fire.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
            OwnerReferences = [owner ?? Owner(Uid)],
        },
        Spec = new V1JobSpec { Parallelism = 1, Completions = 1, Template = new V1PodTemplateSpec() },
        Status = finished
            ? new V1JobStatus { Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }], CompletionTime = fire.UtcDateTime.AddMinutes(1) }
            : new V1JobStatus { Active = 1 },
    };

    private static EcsScheduledTask Schedule(string expression, string fields = "", string target = "", string status = "null", int generation = 1) =>
        KubernetesJson.Deserialize<EcsScheduledTask>($$"""
            {"apiVersion": "{{EcsApi.ApiVersion}}", "kind": "EcsScheduledTask",
             "metadata": {"name": "nightly", "namespace": "{{Seeds.Namespace}}", "uid": "{{Uid}}", "generation": {{generation}}, "creationTimestamp": "2026-01-01T00:00:00Z"},
             "spec": {"cluster": "prod", "scheduleExpression": "{{expression}}", {{fields}}
                      "target": {{{target}} "arn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "ecsParameters": {"taskDefinitionArn": "web"} } },
             "status": {{status}}}
            """);
}
