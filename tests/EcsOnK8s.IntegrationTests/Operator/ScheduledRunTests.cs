using System.Globalization;
using System.Text.Json;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.ScheduledTasks;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// Schedules no CronJob runs exactly, run by the operator against a real API server (no kube-controller-manager: the
/// Jobs it creates are all there is, and a run's completion is written by the test).
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ScheduledRunTests(KubeFixture fixture)
{
    /// <summary>How late a run may start on a loaded machine and still count as on time here.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(10);

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: report}
        spec:
          containerDefinitions: [{name: report, image: "busybox:1.36", memory: 64, command: [sh, -c, "echo done"]}]
        """;

    private static string Schedule(string name, string expression, string extra = "") => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsScheduledTask
        metadata: {name: {{name}}}
        spec:
          scheduleExpression: "{{expression}}"
          {{extra}}
          target:
            arn: arn:aws:ecs:us-east-1:123456789012:cluster/default
            ecsParameters: {taskDefinitionArn: report, taskCount: 1}
        """;

    /// <summary>An at() expression for a whole second <paramref name="ahead"/> from now (UTC, the default zone).</summary>
    private static (string Expression, DateTimeOffset At) AtAhead(TimeSpan ahead)
    {
        var at = DateTimeOffset.UtcNow + ahead;
        at = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return ($"at({at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)})", at);
    }

    [Fact]
    public async Task Schedule_RateEveryMinute_CronJobOnKubernetes120()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-sched-rate");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsScheduledTask>(Schedule("minutely", "rate(1 minute)"));

        var schedule = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "minutely"), x => x?.Status?.Mode is not null, "the mode in status");
        Assert.Equal(EcsScheduledTaskStatus.CronJobMode, schedule!.Status.Mode);
        Assert.Equal("* * * * *", schedule.Status.CronSchedule);
        Assert.Equal(0, schedule.Status.NextScheduleTime!.Value.Second);
        var cronJob = await s.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("batch", "v1beta1", s.Namespace, "cronjobs", "minutely");
        Assert.Equal("* * * * *", cronJob.GetProperty("spec").GetProperty("schedule").GetString());
    }

    [Fact]
    public async Task Schedule_LastDayOfMonth_OperatorTimedWithTheNextFireTime()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-sched-last");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        await s.CreateAsync<EcsScheduledTask>(Schedule("month-end", "cron(0 9 L * ? *)", "scheduleExpressionTimezone: Europe/Berlin"));

        var schedule = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "month-end"), x => x?.Status?.Mode is not null, "the mode in status");

        Assert.Equal(EcsScheduledTaskStatus.OperatorMode, schedule!.Status.Mode);
        Assert.Null(schedule.Status.CronSchedule);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var next = TimeZoneInfo.ConvertTime(new DateTimeOffset(schedule.Status.NextScheduleTime!.Value, TimeSpan.Zero), berlin);
        Assert.Equal((9, 0, DateTime.DaysInMonth(next.Year, next.Month)), (next.Hour, next.Minute, next.Day));
        Assert.True(next > DateTimeOffset.UtcNow && next < DateTimeOffset.UtcNow.AddDays(32), $"next fire time {next}");
        var cronJobs = await s.Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>("batch", "v1beta1", s.Namespace, "cronjobs");
        Assert.Equal(0, cronJobs.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Schedule_AtShortlyAhead_ExactlyOneJobAtThatTime()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-sched-at");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        var (expression, at) = AtAhead(TimeSpan.FromSeconds(25));
        await s.CreateAsync<EcsScheduledTask>(Schedule("once", expression));

        var name = ScheduledTaskReconciler.RunJobName("once", at);
        var job = await OperatorScenario.EventuallyAsync(() => JobAsync(s, name), j => j is not null, $"Job {name}", TimeSpan.FromSeconds(90));

        // Not before the fire time, and soon after it.
        var created = new DateTimeOffset(job!.Metadata.CreationTimestamp!.Value, TimeSpan.Zero);
        Assert.InRange(created, at, at + Lateness);
        Assert.Equal(EcsScheduledTask.KindName, job.Metadata.OwnerReferences.Single(o => o.Controller == true).Kind);
        Assert.Equal(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), job.Metadata.Annotations[WellKnownAnnotations.ScheduledTime]);

        var schedule = await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "once"),
            x => x?.Status?.LastScheduleTime is not null && OperatorScenario.ConditionOf(x.Status.Conditions, ConditionTypes.Ended)?.Status == "True",
            "the run and the end in status");
        Assert.Equal(at.UtcDateTime, schedule!.Status.LastScheduleTime);
        Assert.Equal(name, Assert.Single(schedule.Status.Runs!).JobName);
        await s.IdleAsync();
        Assert.Single((await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items);
    }

    [Fact]
    public async Task Schedule_DeleteAfterCompletion_ScheduleRemovedOnceItsRunFinished()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-sched-delete");
        await s.CreateAsync<EcsTaskDefinition>(TaskDefinition);
        var (expression, at) = AtAhead(TimeSpan.FromSeconds(20));
        await s.CreateAsync<EcsScheduledTask>(Schedule("once", expression, "actionAfterCompletion: DELETE"));
        var name = ScheduledTaskReconciler.RunJobName("once", at);
        await OperatorScenario.EventuallyAsync(() => JobAsync(s, name), j => j is not null, $"Job {name}", TimeSpan.FromSeconds(90));

        // The run is not finished: the schedule stays.
        await s.IdleAsync();
        Assert.NotNull(await s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "once"));

        // As the Job controller would when its pod succeeded.
        var now = DateTime.UtcNow;
        await s.Client.BatchV1.PatchNamespacedJobStatusAsync(new V1Patch(KubernetesJson.Serialize(new
        {
            status = new
            {
                startTime = now,
                completionTime = now,
                succeeded = 1,
                conditions = new[] { new { type = "Complete", status = "True", lastProbeTime = now, lastTransitionTime = now } },
            },
        }), V1Patch.PatchType.MergePatch), name, s.Namespace);

        await OperatorScenario.EventuallyAsync(
            () => s.Ecs.GetAsync<EcsScheduledTask>(s.Namespace, "once"), x => x is null, "the schedule deleted");
    }

    [Fact]
    public async Task OperatorKilledRightAfterAFireTime_Restarted_ExactlyOneJobPerFireTime()
    {
        var ns = await fixture.CreateNamespaceAsync("op-sched-kill");
        var ecs = new EcsClient(fixture.Client);
        await CreateAsync<EcsTaskDefinition>(ecs, ns, TaskDefinition);

        // "first" fires while the operator runs, which is killed just after its Job appears; "second" fires while
        // no operator runs, and is caught up by the restarted one (within the catch-up window).
        var (firstExpression, first) = AtAhead(TimeSpan.FromSeconds(25));
        var second = first.AddSeconds(8);
        var secondExpression = $"at({second.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)})";
        await CreateAsync<EcsScheduledTask>(ecs, ns, Schedule("first", firstExpression));
        await CreateAsync<EcsScheduledTask>(ecs, ns, Schedule("second", secondExpression));

        var log = Path.Combine(Directory.CreateTempSubdirectory("ecsonk8s-sched-kill-").FullName, "operator.log");
        string[] flags = ["--namespaces", ns, "--leader-election", "false"];
        var firstName = ScheduledTaskReconciler.RunJobName("first", first);
        var secondName = ScheduledTaskReconciler.RunJobName("second", second);
        await using (var killed = OperatorProcess.Start(fixture.KubeconfigPath, "sched-killed", log, flags))
        {
            await killed.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await OperatorScenario.EventuallyAsync(() => JobAsync(fixture.Client, ns, firstName), j => j is not null, $"Job {firstName}", TimeSpan.FromSeconds(90));
            await killed.SignalAsync("KILL");
            await killed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        // Restarted once the second fire time has passed without an operator.
        await Eventually.TrueAsync(() => DateTimeOffset.UtcNow > second + TimeSpan.FromSeconds(1), "the second fire time passed", TimeSpan.FromSeconds(60));
        Assert.Null(await JobAsync(fixture.Client, ns, secondName));
        await using var restarted = OperatorProcess.Start(fixture.KubeconfigPath, "sched-restarted", log, flags);
        await restarted.WaitReadyAsync(TimeSpan.FromSeconds(60));

        var late = await OperatorScenario.EventuallyAsync(() => JobAsync(fixture.Client, ns, secondName), j => j is not null, $"Job {secondName}", TimeSpan.FromSeconds(60));
        Assert.True(new DateTimeOffset(late!.Metadata.CreationTimestamp!.Value, TimeSpan.Zero) > second, "the caught-up run started after its fire time");

        // A barrier: a schedule created after the restart has its status, so the restarted operator has worked
        // through what its first list queued (both schedules) before the count.
        await CreateAsync<EcsScheduledTask>(ecs, ns, Schedule("sentinel", "cron(0 9 L * ? *)"));
        await OperatorScenario.EventuallyAsync(() => ecs.GetAsync<EcsScheduledTask>(ns, "sentinel"), x => x?.Status?.Mode is not null, "the sentinel's status");
        foreach (var (schedule, fire) in new[] { ("first", first), ("second", second) })
        {
            await OperatorScenario.EventuallyAsync(
                () => ecs.GetAsync<EcsScheduledTask>(ns, schedule),
                x => x?.Status?.LastScheduleTime == fire.UtcDateTime && OperatorScenario.ConditionOf(x.Status.Conditions, ConditionTypes.Ended)?.Status == "True",
                $"{schedule}: its run and its end in status", TimeSpan.FromSeconds(60));
        }

        var jobs = (await fixture.Client.BatchV1.ListNamespacedJobAsync(ns)).Items.Select(j => j.Metadata.Name).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { firstName, secondName }.Order(StringComparer.Ordinal), jobs);
    }

    private static Task<V1Job?> JobAsync(OperatorScenario s, string name) => JobAsync(s.Client, s.Namespace, name);

    private static async Task<V1Job?> JobAsync(IKubernetes client, string ns, string name)
    {
        try
        {
            return await client.BatchV1.ReadNamespacedJobAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static Task<T> CreateAsync<T>(EcsClient ecs, string ns, string yaml)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = ns;
        return ecs.CreateAsync(resource);
    }
}
