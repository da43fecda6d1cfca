using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.TaskDefinitions;
using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Discovery;
using EcsOnK8s.Runtime.Kube;
using EcsOnK8s.Runtime.Reconciliation;
using EcsOnK8s.Translation;
using EcsOnK8s.Translation.Model;
using k8s.Models;

namespace EcsOnK8s.Controllers.ScheduledTasks;

/// <summary>
/// Keeps the CronJob of an EcsScheduledTask in line with its schedule and the latest ACTIVE revision of its task
/// definition, as EventBridge Scheduler runs whatever revision the family resolves to when it fires.
/// </summary>
public sealed class ScheduledTaskReconciler(
    EcsInformers informers,
    ChildApplier applier,
    KubeEventRecorder events,
    ClusterCapabilitiesDiscovery discovery,
    TimeProvider time) : IReconciler<EcsScheduledTask>
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var schedule = informers.ScheduledTasks.Store.Get(key);
        if (schedule is null || schedule.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var now = TimeTruncation.Now(time);
        var generation = schedule.Metadata.Generation;
        var status = StatusWriter.CopyOf(schedule.Status);
        status.ObservedGeneration = generation;
        var ecs = schedule.Spec.Target?.EcsParameters;
        var clusterField = schedule.Spec.Cluster ?? schedule.Spec.Target?.Arn;
        var (cluster, clusterReason, clusterMessage) = ClusterResolver.Resolve(informers, schedule.Metadata, clusterField, "schedule");
        if (cluster is null)
        {
            return await NotReadyAsync(schedule, status, clusterReason!, clusterMessage!, clusterReason == ConditionReasons.ClusterInvalid, now, cancellationToken).ConfigureAwait(false);
        }

        var resolution = RevisionResolver.Resolve(informers, schedule.Metadata, ecs?.TaskDefinition ?? ecs?.TaskDefinitionArn, "schedule", _ => false);
        if (resolution.Registering)
        {
            return ReconcileResult.RequeueAfter(RevisionResolution.RegisteringRecheck);
        }

        if (resolution.Error is { } error)
        {
            return await NotReadyAsync(schedule, status, resolution.Reason!, error, resolution.Degraded, now, cancellationToken).ConfigureAwait(false);
        }

        var capabilities = CapabilitiesMapping.ToTranslation(await discovery.GetAsync(cancellationToken).ConfigureAwait(false));
        var revision = resolution.Revision!;
        var rendered = Renderer.Render(new RenderRequest
        {
            TaskDefinition = new ResolvedTaskDefinition(resolution.Family!, TaskDefinitionReconciler.Number(revision), TaskDefinitionReconciler.SpecOf(revision)!),
            Cluster = cluster,
            Capabilities = capabilities,
            ScheduledTask = schedule,
        });
        status.Translation = TaskDefinitionValidator.Summarize(rendered.Report);
        if (rendered.Rejected)
        {
            var (rejection, detail) = RenderedChildren.Rejection(rendered);
            return await NotReadyAsync(schedule, status, rejection, detail, degraded: true, now, cancellationToken).ConfigureAwait(false);
        }

        if (await AdoptionGuard.FindCollisionAsync(applier, rendered, schedule.Metadata.NamespaceProperty, cancellationToken).ConfigureAwait(false) is { } collision)
        {
            return await NotReadyAsync(schedule, status, collision.Reason, collision.Message, degraded: true, now, cancellationToken).ConfigureAwait(false);
        }

        if (await RenderedChildren.ApplyAsync(applier, rendered, schedule, cluster, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return RenderedChildren.Outcome(failure, await NotReadyAsync(
                schedule, status, failure.Reason, failure.Message, degraded: failure.Degrades, now, cancellationToken).ConfigureAwait(false));
        }

        var cronJobType = capabilities.CronJobApiVersion == "batch/v1" ? ResourceTypes.CronJob : ResourceTypes.CronJobV1Beta1;
        await applier.PruneAsync(schedule, [cronJobType, ResourceTypes.ServiceAccount], rendered.Objects, cancellationToken).ConfigureAwait(false);

        var cronJob = rendered.Objects.OfType<V1CronJob>().FirstOrDefault();
        status.CronSchedule = cronJob?.Spec.Schedule;
        var live = cronJob is null ? null : informers.CronJobs?.Store.Get(ObjectKey.From(cronJob) with { Namespace = schedule.Metadata.NamespaceProperty });
        status.LastScheduleTime = live?.Status?.LastScheduleTime;
        string reason;
        string message;
        if (cronJob is null)
        {
            // at() one-shots and schedules cron cannot express are reported, not silently dropped.
            reason = "ScheduleNotExpressible";
            message = rendered.Report.Entries.FirstOrDefault(e => e.Path.EndsWith("scheduleExpression", StringComparison.Ordinal))?.Reason
                ?? "the schedule has no Kubernetes CronJob equivalent";
        }
        else
        {
            reason = ConditionReasons.Reconciled;
            message = $"CronJob {cronJob.Metadata.Name} runs {resolution.Family}:{TaskDefinitionReconciler.Number(revision)} on '{cronJob.Spec.Schedule}'.";
        }

        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Ready, cronJob is not null, reason, message, generation, now);
        status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, cronJob is null, reason, cronJob is null ? message : "No problems.", generation, now);

        // A refused spec of the family leaves the schedule on the latest registered revision; it says so.
        var unregistered = cronJob is null ? null : resolution.Unregistered;
        if (unregistered is not null)
        {
            status.Conditions = Conditions.Set(status.Conditions, ConditionTypes.Degraded, true, ConditionReasons.TaskDefinitionInvalid, unregistered, generation, now);
        }

        var written = await applier.WriteStatusAsync(schedule, status, cancellationToken).ConfigureAwait(false);
        if (written && unregistered is not null
            && Conditions.Find(schedule.Status?.Conditions, ConditionTypes.Degraded) is not { Status: "True", Reason: ConditionReasons.TaskDefinitionInvalid })
        {
            events.Record(schedule, "Warning", ConditionReasons.TaskDefinitionInvalid, unregistered);
        }

        // The task definition's controller decides about its new spec soon; only a new revision would queue this
        // schedule, so look again to report a refusal.
        return resolution.Unconfirmed ? ReconcileResult.RequeueAfter(RevisionResolution.RegisteringRecheck) : ReconcileResult.Done;
    }

    private Task<ReconcileResult> NotReadyAsync(
        EcsScheduledTask schedule, EcsScheduledTaskStatus status, string reason, string message, bool degraded, DateTime now, CancellationToken cancellationToken) =>
        applier.WriteNotReadyAsync(events, schedule, status, reason, message, degraded, now, cancellationToken);
}
