using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tasks;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Schedules;
using k8s.Models;

namespace EcsOnK8s.Controllers.ScheduledTasks;

/// <summary>
/// Runs an EcsScheduledTask on the latest ACTIVE revision of its task definition, as EventBridge Scheduler runs
/// whatever revision the family resolves to when it fires. Where a CronJob is exact on the cluster, it applies that
/// CronJob (of the version the cluster serves, known after discovery). Otherwise the operator times the runs: at each
/// fire time (plus its flexible offset) it creates the run's Job, named <c>&lt;schedule&gt;-&lt;unix minutes of the fire
/// time&gt;</c> as the CronJob controller names its Jobs, so that a restart, a new leader or a switch between the two
/// modes never runs a fire time twice (an existing Job means the run happened). Status: the next and last fire times,
/// the latest runs with their ECS task state, missed and dropped fire times, and whether the schedule has ended.
/// </summary>
public sealed class ScheduledTaskReconciler(
    EcsInformers informers,
    Informer<V1CronJob> cronJobs,
    IChildWriter writer,
    IEventRecorder events,
    ICapabilitiesSource capabilitiesSource,
    TimeProvider time,
    ScheduledTaskOptions? options = null,
    IPodRefusals? refusals = null,
    TaskOptions? taskOptions = null) : IReconciler<EcsScheduledTask>
{
    /// <summary>The longest wait between two looks at a schedule whose next run is far away.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(12);

    private static readonly ResourceType ScheduledTaskType = ResourceType.For<EcsScheduledTask>();

    private readonly WorkloadFrame _frame = new(informers, writer, capabilitiesSource);
    private readonly ScheduledTaskOptions _options = options ?? new ScheduledTaskOptions();
    private readonly PodStartWatch _starts = new(writer, events, refusals, taskOptions);
    private readonly ConcurrentDictionary<ObjectKey, Accounting> _accounting = new();

    /// <summary>Schedules waiting for their task definition's controller; its status write queues them.</summary>
    public TaskDefinitionWaiters Waiters { get; } = new(informers);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Waiters.Forget(key);
        if (WorkloadFrame.Live(informers.ScheduledTasks.Store, key) is not { } schedule)
        {
            _accounting.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        var instant = time.GetUtcNow();
        var now = TimeTruncation.Now(time);
        var generation = schedule.Metadata.Generation;
        var status = StatusWriter.CopyOf(schedule.Status);
        status.ObservedGeneration = generation;
        var spec = schedule.Spec;
        var ecs = spec.Target?.EcsParameters;
        var preparation = await _frame.PrepareAsync(new WorkloadRequest
        {
            Workload = schedule,
            Render = render => render with { ScheduledTask = schedule, OperatorTimesSchedules = true, ScheduleCatchUpWindow = _options.CatchUpWindow },
            Noun = "schedule",
            Cluster = spec.Cluster ?? spec.Target?.Arn,
            TaskDefinition = ecs?.TaskDefinition ?? ecs?.TaskDefinitionArn,
            TaskDefinitionField = ecs?.TaskDefinition is null && ecs?.TaskDefinitionArn is not null
                ? "spec.target.ecsParameters.taskDefinitionArn"
                : "spec.target.ecsParameters.taskDefinition",
        }, cancellationToken).ConfigureAwait(false);
        switch (preparation)
        {
            case WorkloadRegistering registering:
                return ReconcileResult.RequeueAfter(Waiters.RecheckAfter(schedule.Metadata, registering.Family, key));
            case WorkloadNotReady notReady:
                status.Translation = notReady.Summary ?? status.Translation;
                return notReady.After(await writer.WriteNotReadyAsync(
                    events, schedule, status, notReady.Reason, notReady.Message, notReady.Degraded, now, cancellationToken).ConfigureAwait(false));
        }

        var prepared = (WorkloadPrepared)preparation;

        var (resolution, rendered, capabilities) = (prepared.Resolution, prepared.Rendered, prepared.Capabilities);
        status.Translation = prepared.Summary;
        var cronJob = rendered.Objects.OfType<V1CronJob>().FirstOrDefault();
        var template = rendered.RunTemplate;
        var baseName = cronJob?.Metadata.Name ?? template?.Metadata.Name;
        var created = schedule.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;

        // A CronJob fires on whole minutes: so does a rate it runs (rate(1 minute)), whatever the creation second.
        var anchor = cronJob is null ? created : new DateTimeOffset(created.Ticks - (created.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var parsed = AwsSchedule.Parse(spec.ScheduleExpression, spec.ScheduleExpressionTimezone, spec.StartDate, spec.EndDate, anchor);
        if (baseName is null || parsed.Schedule is not { } evaluator)
        {
            var message = parsed.Error is { } error ? $"scheduledTask.{FieldPath(error.Field)}: {error.Reason}" : "the schedule renders neither a CronJob nor a run";
            return await writer.WriteNotReadyAsync(events, schedule, status, ConditionReasons.ScheduleInvalid, message, degraded: true, now, cancellationToken).ConfigureAwait(false);
        }

        var ns = schedule.Metadata.NamespaceProperty;
        var liveCronJob = cronJobs.Store.Get(new ObjectKey(ns, baseName));
        var cronJobUid = liveCronJob?.ControllerOwner()?.Uid == schedule.Metadata.Uid ? liveCronJob!.Metadata.Uid : null;
        if (template is not null && cronJobUid is not null)
        {
            await AdoptCronJobRunsAsync(schedule, cronJobUid, cancellationToken).ConfigureAwait(false);
        }

        var cronJobType = capabilities.CronJobApiVersion == "batch/v1" ? ResourceTypes.CronJob : ResourceTypes.CronJobV1Beta1;
        await writer.PruneAsync(schedule, [cronJobType, ResourceTypes.ServiceAccount], rendered.Objects, cancellationToken).ConfigureAwait(false);

        var jobs = RunJobs(schedule, baseName, cronJobUid);
        var disabled = spec.State == "DISABLED";
        var ended = false;
        var wake = (DateTimeOffset?)null;
        string? createFailure = null;
        if (cronJob is not null)
        {
            status.Mode = EcsScheduledTaskStatus.CronJobMode;
            status.CronSchedule = cronJob.Spec.Schedule;
            status.LastScheduleTime = Latest(liveCronJob?.Status?.LastScheduleTime, jobs.Count == 0 ? null : Seconds(jobs[0].FireTime));
            status.NextScheduleTime = disabled ? null : Seconds(evaluator.NextAfter(instant));
        }
        else
        {
            status.Mode = EcsScheduledTaskStatus.OperatorMode;
            status.CronSchedule = null;

            // A run's Job is the record that its fire time ran, even where the status write after it was lost; what
            // this reconciler counted last is newer than a cache that has not seen its status write yet.
            status.LastScheduleTime = Latest(status.LastScheduleTime, jobs.Count == 0 ? null : Seconds(jobs[0].FireTime));
            if (_accounting.TryGetValue(key, out var counted) && counted.Uid == schedule.Metadata.Uid)
            {
                status.LastScheduleTime = Latest(status.LastScheduleTime, counted.LastScheduleTime);
                status.MissedRuns = MoreCounted(status.MissedRuns, counted.Missed);
                status.DroppedRuns = MoreCounted(status.DroppedRuns, counted.Dropped);
            }

            var accounted = Latest(
                Latest(status.LastScheduleTime, status.MissedRuns?.Recent?.LastOrDefault()),
                status.DroppedRuns?.Recent?.LastOrDefault());
            var window = spec.FlexibleTimeWindow is { Mode: "FLEXIBLE", MaximumWindowInMinutes: { } minutes } ? TimeSpan.FromMinutes(minutes) : TimeSpan.Zero;
            TimeSpan Offset(DateTimeOffset fire) => window == TimeSpan.Zero
                ? TimeSpan.Zero
                : RunPlanner.FlexibleOffset(schedule.Metadata.Uid ?? string.Empty, fire, window, evaluator.NextAfter(fire));
            var maximumAge = spec.Target?.RetryPolicy?.MaximumEventAgeInSeconds is { } age ? TimeSpan.FromSeconds(age) : (TimeSpan?)null;

            // Fire times while the schedule was DISABLED, or before its spec changed (e.g. its expression), are neither
            // run nor missed: the schedule counts from its enabling or its update, as EventBridge's UpdateSchedule.
            var reenabled = Conditions.Find(schedule.Status?.Conditions, ConditionTypes.Ended)?.Reason == ConditionReasons.ScheduleDisabled;
            var updated = schedule.Status?.ObservedGeneration is { } seen && seen != generation;
            if (!disabled && (reenabled || updated))
            {
                status.ActiveSince = now;
            }

            var since = status.ActiveSince is { } enabled ? new DateTimeOffset(DateTime.SpecifyKind(enabled, DateTimeKind.Utc)) : created;
            var plan = disabled
                ? new RunPlan()
                : RunPlanner.Plan(evaluator, instant, since, accounted is { } a ? new DateTimeOffset(DateTime.SpecifyKind(a, DateTimeKind.Utc)) : null, Offset, _options.CatchUpWindow, maximumAge);
            ended = plan.Ended && !disabled;
            wake = plan.NextStart;
            status.NextScheduleTime = Seconds(plan.NextFireTime);
            if (plan.MissedCount > 0)
            {
                status.MissedRuns = Count(status.MissedRuns, plan.MissedCount, plan.Missed);
                events.Record(schedule, EcsEvents.RunsMissed,
                    $"{plan.MissedCount.ToString(CultureInfo.InvariantCulture)} fire time(s) up to {Iso(plan.Missed[^1])} passed longer ago than the catch-up window ({_options.CatchUpWindow}): not run.");
            }

            if (plan.Dropped is { } dropped)
            {
                status.DroppedRuns = Count(status.DroppedRuns, 1, [dropped]);
                events.Record(schedule, EcsEvents.RunDropped,
                    $"the run of {Iso(dropped)} could not start within retryPolicy.maximumEventAgeInSeconds ({maximumAge}): dropped.");
            }

            var started = false;
            if (plan.Due is { } due)
            {
                (started, createFailure) = await StartRunAsync(schedule, template!, due, jobs, cancellationToken).ConfigureAwait(false);
                if (createFailure is null)
                {
                    status.LastScheduleTime = Latest(status.LastScheduleTime, due.UtcDateTime);
                }
            }

            _accounting[key] = new Accounting(schedule.Metadata.Uid, status.LastScheduleTime, status.MissedRuns, status.DroppedRuns);

            // At a fire time many schedules start their runs at once: only the Job is written now. Its arrival in the
            // cache queues the schedule again, and that pass writes the status (one write per run, after the burst).
            // Missed or dropped fire times are written at once: nothing else would carry them over a restart.
            if (started && plan.MissedCount == 0 && plan.Dropped is null)
            {
                return Requeue(wake, null, resolution, schedule, key);
            }
        }

        var (runs, refused, recheck) = await RunsAsync(schedule, baseName, jobs, now, cancellationToken).ConfigureAwait(false);
        status.Runs = runs.Count == 0 ? null : runs;
        var lastRunListed = status.LastScheduleTime is not { } last || jobs.Any(j => j.FireTime.UtcDateTime >= last);
        if (ended && spec.ActionAfterCompletion == "DELETE" && createFailure is null && lastRunListed && jobs.All(j => Finished(j.Job)))
        {
            // The last run has finished (its Job is cached, and none was started just now): the schedule completes.
            if (await writer.DeleteIfExistsAsync(ScheduledTaskType, schedule, cancellationToken).ConfigureAwait(false))
            {
                events.Record(schedule, EcsEvents.ScheduleCompleted, "no fire time is left and the last run has finished: deleted (actionAfterCompletion DELETE).");
            }

            return ReconcileResult.Done;
        }

        await PruneHistoryAsync(schedule, jobs, cancellationToken).ConfigureAwait(false);
        var readyMessage = cronJob is not null
            ? $"CronJob {cronJob.Metadata.Name} runs {prepared.TaskDefinition} on '{cronJob.Spec.Schedule}'."
            : $"The operator runs {prepared.TaskDefinition} at the fire times of {evaluator.Expression}.";
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Ready, true, ConditionReasons.Reconciled, readyMessage, generation, now);
        status.Conditions = createFailure is null
            ? Conditions.Set(status.Conditions, ConditionTypes.Degraded, false, ConditionReasons.Reconciled, "No problems.", generation, now)
            : Conditions.Set(status.Conditions, ConditionTypes.Degraded, true, ConditionReasons.ChildRejected, createFailure, generation, now);
        status.Conditions = ended
            ? Conditions.Set(status.Conditions, ConditionTypes.Ended, true, ConditionReasons.ScheduleEnded, "No fire time is left.", generation, now)
            : disabled
                ? Conditions.Set(status.Conditions, ConditionTypes.Ended, false, ConditionReasons.ScheduleDisabled, "The schedule is DISABLED: no run starts.", generation, now)
                : Conditions.Set(status.Conditions, ConditionTypes.Ended, false, ConditionReasons.ScheduleActive, "Fire times are left.", generation, now);
        status.Conditions = PodStartWatch.PodsAdmitted(
            status.Conditions, refused is { } r ? ($"run {r.Job}", r.Message) : null, "Kubernetes creates the runs' pods.", generation, now);

        // A refused spec of the family leaves the schedule on the latest registered revision; it says so.
        var unregistered = resolution.Unregistered;
        if (unregistered is not null)
        {
            status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, true, ConditionReasons.TaskDefinitionInvalid, unregistered, generation, now);
        }

        var written = await writer.WriteStatusAsync(schedule, status, cancellationToken).ConfigureAwait(false);
        if (written && unregistered is not null
            && Conditions.Find(schedule.Status?.Conditions, ConditionTypes.Degraded) is not { Status: "True", Reason: ConditionReasons.TaskDefinitionInvalid })
        {
            events.Record(schedule, EcsEvents.TaskDefinitionInvalid, unregistered);
        }

        return Requeue(wake, recheck, resolution, schedule, key);
    }

    /// <summary>
    /// Runs start on time because the schedule is queued again for the next one (<paramref name="wake"/>). The task
    /// definition's controller decides about its new spec soon: its decision queues the schedule (a refusal is then
    /// reported), sooner than the next run if that is far; so does a look at a run's refused pod (<paramref name="lookAgain"/>).
    /// </summary>
    private ReconcileResult Requeue(DateTimeOffset? wake, TimeSpan? lookAgain, RevisionResolution resolution, EcsScheduledTask schedule, ObjectKey key)
    {
        var delay = PodStartWatch.Sooner(wake is { } at ? Clamp(at - time.GetUtcNow()) : null, lookAgain);
        if (resolution.Unconfirmed && resolution.Family is { } family)
        {
            delay = PodStartWatch.Sooner(delay, Waiters.RecheckAfter(schedule.Metadata, family, key));
        }

        return delay is { } d ? ReconcileResult.RequeueAfter(d) : ReconcileResult.Done;
    }

    /// <summary>The Job of a run: the CronJob controller's name for the fire time, so both modes agree on it.</summary>
    public static string RunJobName(string scheduleName, DateTimeOffset fireTime) =>
        $"{scheduleName}-{(fireTime.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The fire time of a run's Job: its annotation, else the minute its name stands for (a CronJob's Job).</summary>
    public static DateTimeOffset? FireTimeOf(V1Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Metadata.Annotation(WellKnownAnnotations.ScheduledTime) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var annotated))
        {
            return annotated;
        }

        var name = job.Metadata.Name ?? string.Empty;
        var dash = name.LastIndexOf('-');
        return dash > 0 && long.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes < 100_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(minutes * 60)
            : null;
    }

    /// <summary>A Job that ran to its end, or was stopped because its pod was refused past the start timeout.</summary>
    private static bool Finished(V1Job job) =>
        job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true
        || job.Metadata.Annotation(WellKnownAnnotations.StoppedReason) is not null;

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTime? Seconds(DateTimeOffset? instant) =>
        instant is { } i ? new DateTime(i.UtcTicks - (i.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc) : null;

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > LongestWait ? LongestWait : delay;

    private static string FieldPath(ScheduleField field) => field switch
    {
        ScheduleField.TimeZone => "scheduleExpressionTimezone",
        ScheduleField.StartDate => "startDate",
        ScheduleField.EndDate => "endDate",
        _ => "scheduleExpression",
    };

    private static ScheduledRunCount? MoreCounted(ScheduledRunCount? a, ScheduledRunCount? b) => (b?.Count ?? 0) > (a?.Count ?? 0) ? b : a;

    private static ScheduledRunCount Count(ScheduledRunCount? previous, long added, IReadOnlyList<DateTimeOffset> recent) => new()
    {
        Count = (previous?.Count ?? 0) + added,
        Recent = [.. (previous?.Recent ?? []).Concat(recent.Select(r => Seconds(r)!.Value)).TakeLast(RunPlanner.RecentListed)],
    };

    /// <summary>The Jobs of the schedule's runs: its own and, in CronJob mode, its CronJob's; newest fire time first.</summary>
    /// <remarks>Runs carry the schedule's label, whose value is the name its CronJob or run template has.</remarks>
    private List<(V1Job Job, DateTimeOffset FireTime)> RunJobs(EcsScheduledTask schedule, string label, string? cronJobUid) =>
        [.. informers.Jobs.Store.ByIndex(EcsInformers.ScheduledTaskIndex, EcsInformers.Scoped(schedule.Metadata, label))
            .Where(j => j.ControllerOwner()?.Uid is { } owner && (owner == schedule.Metadata.Uid || owner == cronJobUid))
            .Select(j => (Job: j, FireTime: FireTimeOf(j) ?? new DateTimeOffset(DateTime.SpecifyKind(j.Metadata.CreationTimestamp ?? default, DateTimeKind.Utc))))
            .OrderByDescending(j => j.FireTime)
            .ThenBy(j => j.Job.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Creates the Job of the run of <paramref name="fireTime"/> unless it exists: whether this call created it, and
    /// the API server's refusal, if any (other failures throw, for a retry within the catch-up window).
    /// </summary>
    private async Task<(bool Created, string? Refusal)> StartRunAsync(
        EcsScheduledTask schedule, V1Job template, DateTimeOffset fireTime, List<(V1Job Job, DateTimeOffset FireTime)> jobs, CancellationToken cancellationToken)
    {
        var name = RunJobName(template.Metadata.Name, fireTime);
        var ns = schedule.Metadata.NamespaceProperty;
        if (informers.Jobs.Store.Get(new ObjectKey(ns, name)) is not null)
        {
            return (false, null);
        }

        var job = new V1Job
        {
            ApiVersion = template.ApiVersion,
            Kind = template.Kind,
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string>(template.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
                Annotations = new Dictionary<string, string>(template.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
                {
                    [WellKnownAnnotations.ScheduledTime] = Iso(fireTime),
                },
            },
            Spec = template.Spec,
        };
        bool created;
        try
        {
            created = await writer.CreateAsync(job, schedule, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsRefused)
        {
            return (false, $"Job {name} of the run of {Iso(fireTime)}: {e.ServerMessage}");
        }

        // Listed at once (the cache shows it soon), so a status of this pass already counts the run.
        job.Metadata.CreationTimestamp = TimeTruncation.Now(time);
        jobs.Insert(0, (job, fireTime));
        return (created, null);
    }

    /// <summary>
    /// Takes over the Jobs of the schedule's CronJob before it is pruned (with its dependents): a run in progress
    /// keeps running, and counts as the run of its fire time.
    /// </summary>
    private async Task AdoptCronJobRunsAsync(EcsScheduledTask schedule, string cronJobUid, CancellationToken cancellationToken)
    {
        var owner = new JsonObject
        {
            ["apiVersion"] = EcsApi.ApiVersion,
            ["kind"] = EcsScheduledTask.KindName,
            ["name"] = schedule.Metadata.Name,
            ["uid"] = schedule.Metadata.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["ownerReferences"] = new JsonArray(owner) } }.ToJsonString();
        foreach (var job in informers.Jobs.Store.ByControllerOwner(cronJobUid))
        {
            await writer.PatchAsync(ResourceTypes.Job, ObjectKey.From(job), patch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The status of the latest runs, newest first: each Job's tasks (its latest pods) as ECS reports them. A run's
    /// Job without a pod is watched over as an EcsTask's (<see cref="PodStartWatch"/>): the newest refusal, and when
    /// to look again, are returned for PodsAdmitted.
    /// </summary>
    private async Task<(List<ScheduledRun> Runs, (string Job, string Message)? Refused, TimeSpan? Recheck)> RunsAsync(
        EcsScheduledTask schedule, string label, List<(V1Job Job, DateTimeOffset FireTime)> jobs, DateTime now, CancellationToken cancellationToken)
    {
        var runs = new List<ScheduledRun>();
        (string Job, string Message)? refused = null;
        TimeSpan? recheck = null;
        if (jobs.Count == 0)
        {
            return (runs, refused, recheck);
        }

        var ns = schedule.Metadata.NamespaceProperty;
        var clusterName = EcsInformers.ClusterName(schedule.Spec.Cluster ?? schedule.Spec.Target?.Arn);
        var refusedBefore = Conditions.Find(schedule.Status?.Conditions, ConditionTypes.PodsAdmitted) is { Status: "False" };
        var podsByJob = informers.Pods.Store.ByIndex(EcsInformers.ScheduledTaskIndex, EcsInformers.Scoped(schedule.Metadata, label))
            .GroupBy(p => p.Metadata.Label(WellKnownLabels.JobName) ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        foreach (var (job, fireTime) in jobs.Take(_options.RunHistory))
        {
            var name = job.Metadata.Name;
            var pods = podsByJob.GetValueOrDefault(name) ?? [];
            var tasks = pods.Take(Math.Max(1, job.Spec?.Parallelism ?? 1))
                .Select(pod => TaskStatusCalculator.Task($"arn:ecsonk8s:ecs:{ns}:task/{clusterName}/{pod.Metadata.Name}", job, pod, Essential(pod)))
                .OrderBy(t => t.TaskArn, StringComparer.Ordinal)
                .ToList();
            if (tasks.Count == 0)
            {
                var noEssentials = new HashSet<string>();
                var (task, refusal, wait) = await _starts.WatchUnstartedAsync(
                    schedule, "run", job, TaskStatusCalculator.Task($"arn:ecsonk8s:ecs:{ns}:task/{clusterName}/{name}", job, null, noEssentials), noEssentials, now,
                    refusedBefore, cancellationToken).ConfigureAwait(false);
                recheck = PodStartWatch.Sooner(recheck, wait);
                refused ??= refusal is null ? null : (name, refusal);
                tasks.Add(task);
            }

            runs.Add(new ScheduledRun { ScheduledTime = Seconds(fireTime), JobName = name, LastStatus = TaskStatusCalculator.Overall(tasks), Tasks = tasks });
        }

        return (runs, refused, recheck);
    }

    private static HashSet<string> Essential(V1Pod pod) => new(
        (pod.Metadata.Annotation(PodAnnotations.EssentialContainers) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>Deletes the schedule's own finished Jobs older than the latest runs it keeps (UID preconditions).</summary>
    private async Task PruneHistoryAsync(EcsScheduledTask schedule, List<(V1Job Job, DateTimeOffset FireTime)> jobs, CancellationToken cancellationToken)
    {
        var old = jobs.Skip(_options.RunHistory).Where(j => Finished(j.Job) && j.Job.ControllerOwner()?.Uid == schedule.Metadata.Uid).Select(j => j.Job).ToHashSet();
        if (old.Count == 0)
        {
            return;
        }

        var keep = informers.Jobs.Store.ByControllerOwner(schedule.Metadata.Uid).Where(j => !old.Contains(j));
        await writer.PruneAsync(schedule, [ResourceTypes.Job], keep, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the last pass over a schedule counted, kept until the cache shows its status write.</summary>
    private sealed record Accounting(string? Uid, DateTime? LastScheduleTime, ScheduledRunCount? Missed, ScheduledRunCount? Dropped);
}
