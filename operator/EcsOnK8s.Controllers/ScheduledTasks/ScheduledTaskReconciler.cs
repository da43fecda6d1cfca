using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Events;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using k8s.Models;

namespace EcsOnK8s.Controllers.ScheduledTasks;

/// <summary>
/// Keeps the CronJob of an EcsScheduledTask in line with its schedule and the latest ACTIVE revision of its task
/// definition, as EventBridge Scheduler runs whatever revision the family resolves to when it fires. Its CronJobs
/// informer is the one of the version the cluster serves (batch/v1 or batch/v1beta1), known after discovery.
/// </summary>
public sealed class ScheduledTaskReconciler(
    EcsInformers informers,
    Informer<V1CronJob> cronJobs,
    IChildWriter writer,
    IEventRecorder events,
    ICapabilitiesSource capabilitiesSource,
    TimeProvider time) : IReconciler<EcsScheduledTask>
{
    private readonly WorkloadFrame _frame = new(informers, writer, capabilitiesSource);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (WorkloadFrame.Live(informers.ScheduledTasks.Store, key) is not { } schedule)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var generation = schedule.Metadata.Generation;
        var status = StatusWriter.CopyOf(schedule.Status);
        status.ObservedGeneration = generation;
        var ecs = schedule.Spec.Target?.EcsParameters;
        var preparation = await _frame.PrepareAsync(new WorkloadRequest
        {
            Workload = schedule,
            Render = render => render with { ScheduledTask = schedule },
            Noun = "schedule",
            Cluster = schedule.Spec.Cluster ?? schedule.Spec.Target?.Arn,
            TaskDefinition = ecs?.TaskDefinition ?? ecs?.TaskDefinitionArn,
        }, cancellationToken).ConfigureAwait(false);
        if (preparation is not WorkloadPrepared prepared)
        {
            if (preparation is not WorkloadNotReady notReady)
            {
                return ReconcileResult.RequeueAfter(RevisionResolution.RegisteringRecheck);
            }

            status.Translation = notReady.Summary ?? status.Translation;
            return notReady.After(await writer.WriteNotReadyAsync(
                events, schedule, status, notReady.Reason, notReady.Message, notReady.Degraded, now, cancellationToken).ConfigureAwait(false));
        }

        var (resolution, rendered, capabilities) = (prepared.Resolution, prepared.Rendered, prepared.Capabilities);
        status.Translation = prepared.Summary;
        var cronJobType = capabilities.CronJobApiVersion == "batch/v1" ? ResourceTypes.CronJob : ResourceTypes.CronJobV1Beta1;
        await writer.PruneAsync(schedule, [cronJobType, ResourceTypes.ServiceAccount], rendered.Objects, cancellationToken).ConfigureAwait(false);

        var cronJob = rendered.Objects.OfType<V1CronJob>().FirstOrDefault();
        status.CronSchedule = cronJob?.Spec.Schedule;
        var live = cronJob is null ? null : cronJobs.Store.Get(ObjectKey.From(cronJob) with { Namespace = schedule.Metadata.NamespaceProperty });
        status.LastScheduleTime = live?.Status?.LastScheduleTime;
        string reason;
        string message;
        if (cronJob is null)
        {
            // at() one-shots and schedules cron cannot express are reported, not silently dropped.
            reason = ConditionReasons.ScheduleNotExpressible;
            message = rendered.Report.Entries.FirstOrDefault(e => e.Path.EndsWith("scheduleExpression", StringComparison.Ordinal))?.Reason
                ?? "the schedule has no Kubernetes CronJob equivalent";
        }
        else
        {
            reason = ConditionReasons.Reconciled;
            message = $"CronJob {cronJob.Metadata.Name} runs {prepared.TaskDefinition} on '{cronJob.Spec.Schedule}'.";
        }

        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Ready, cronJob is not null, reason, message, generation, now);
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, cronJob is null, reason, cronJob is null ? message : "No problems.", generation, now);

        // A refused spec of the family leaves the schedule on the latest registered revision; it says so.
        var unregistered = cronJob is null ? null : resolution.Unregistered;
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

        // The task definition's controller decides about its new spec soon; only a new revision would queue this
        // schedule, so look again to report a refusal.
        return resolution.Unconfirmed ? ReconcileResult.RequeueAfter(RevisionResolution.RegisteringRecheck) : ReconcileResult.Done;
    }
}
